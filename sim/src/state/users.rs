//! WeChat users: the profile `/sns/userinfo` returns and the avatar version behind
//! `headimgurl`.

use std::collections::HashMap;

use crate::control::{UserUpdate, UserView};

#[derive(Debug, Clone)]
pub(crate) struct User {
    pub(crate) id: String,
    pub(crate) nickname: String,
    pub(crate) sex: u8,
    pub(crate) province: String,
    pub(crate) city: String,
    pub(crate) country: String,
    /// Bumped on every avatar change; only the current version's URL serves an image.
    pub(crate) avatar_version: u32,
}

impl User {
    /// A user nobody described: nickname = id, like a test account.
    fn new(id: &str) -> Self {
        Self {
            id: id.to_owned(),
            nickname: id.to_owned(),
            sex: 0,
            province: String::new(),
            city: String::new(),
            country: String::new(),
            avatar_version: 1,
        }
    }

    fn apply(&mut self, update: UserUpdate) {
        let UserUpdate {
            nickname,
            sex,
            province,
            city,
            country,
        } = update;
        replace(&mut self.nickname, nickname);
        replace(&mut self.sex, sex);
        replace(&mut self.province, province);
        replace(&mut self.city, city);
        replace(&mut self.country, country);
    }

    /// The URL WeChat would hand out for this user's current avatar at 132 px.
    pub(crate) fn headimgurl(&self, base_url: &str) -> String {
        format!(
            "{base_url}/avatar/{}/{}/132",
            encode_segment(&self.id),
            self.avatar_version
        )
    }

    pub(crate) fn view(&self, base_url: &str) -> UserView {
        UserView {
            id: self.id.clone(),
            nickname: self.nickname.clone(),
            sex: self.sex,
            province: self.province.clone(),
            city: self.city.clone(),
            country: self.country.clone(),
            headimgurl: self.headimgurl(base_url),
        }
    }
}

fn replace<T>(field: &mut T, value: Option<T>) {
    if let Some(value) = value {
        *field = value;
    }
}

/// Percent-encodes a user id for a URL path segment, since ids are free-form strings.
fn encode_segment(segment: &str) -> String {
    segment
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[derive(Debug, Default)]
pub(crate) struct Users {
    by_id: HashMap<String, User>,
}

impl Users {
    pub(crate) fn get(&self, id: &str) -> Option<&User> {
        self.by_id.get(id)
    }

    /// The user, created on first sight: tests authorize ad-hoc users without setting them up.
    pub(crate) fn get_or_create(&mut self, id: &str) -> &mut User {
        self.by_id
            .entry(id.to_owned())
            .or_insert_with(|| User::new(id))
    }

    pub(crate) fn upsert(&mut self, id: &str, update: UserUpdate) -> &User {
        let user = self.get_or_create(id);
        user.apply(update);
        user
    }

    /// A new avatar: the old `headimgurl` stops working. `None` for an unknown user.
    pub(crate) fn change_avatar(&mut self, id: &str) -> Option<&User> {
        let user = self.by_id.get_mut(id)?;
        user.avatar_version = user.avatar_version.wrapping_add(1);
        Some(user)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_encoded_in_avatar_urls() {
        assert_eq!(encode_segment("alice-1"), "alice-1");
        assert_eq!(encode_segment("a b/c"), "a%20b%2Fc");
        assert_eq!(encode_segment("熊"), "%E7%86%8A");
    }
}
