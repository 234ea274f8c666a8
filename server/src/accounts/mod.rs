//! Accounts and the binding rules of ARCHITECTURE.md, decoded from the seed's 18 cases.
//!
//! Every rule is checked inside one transaction and backed by a UNIQUE constraint, so
//! two racing requests can never both bind the same WeChat or phone: the loser's write
//! fails on the constraint and is reported as the conflict it is.

mod binding;
mod grants;
mod identity;
mod profile;
mod tickets;
mod users;
mod web;

pub use binding::{
    bind_phone_to_user, bind_ticket_phone, bind_wechat_to_user, login_or_register_phone, BindError,
};
pub use grants::{load_grant, save_grant, update_tokens};
pub use identity::WechatIdentity;
pub use profile::{read_profile, refresh as refresh_profile, ProfileRefresher};
pub use tickets::{close_ticket, create_ticket, open_ticket};
pub use users::{
    create_password_account, find_by_account, find_by_wechat, load_user, remember_mobile_openid,
    UserRow,
};
pub use web::{bind_web_phone, find_web_account};
