//! Which cases a run covers (`--only`), checked before anything starts.
//!
//! A repeated id is refused rather than quietly dropped: running a case twice in one run
//! reuses its phones and users, so the second run fails for no fault of the app, and a
//! tester who typed `5,5` most likely meant another number. An unknown id is refused
//! too, naming the ids that exist.

use std::fmt;

use wxlogin_core::qa_cases;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SelectionError {
    /// Ids that are not cases.
    Unknown(Vec<i32>),
    /// Ids given more than once.
    Repeated(Vec<i32>),
}

impl fmt::Display for SelectionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let last = qa_cases().len();
        match self {
            Self::Unknown(ids) => write!(
                f,
                "--only: 没有用例 {0}(用例编号为 1–{last}) / no case {0} (the cases are 1 to {last})",
                list(ids)
            ),
            Self::Repeated(ids) => write!(
                f,
                "--only: 用例 {0} 重复 / case {0} given more than once",
                list(ids)
            ),
        }
    }
}

impl std::error::Error for SelectionError {}

fn list(ids: &[i32]) -> String {
    ids.iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The ids to run, in the order given; every case when `only` is empty.
pub fn select(only: &[i32]) -> Result<Vec<i32>, SelectionError> {
    let known: Vec<i32> = qa_cases().iter().map(|case| case.id).collect();
    if only.is_empty() {
        return Ok(known);
    }
    let unknown: Vec<i32> = only
        .iter()
        .copied()
        .filter(|id| !known.contains(id))
        .collect();
    if !unknown.is_empty() {
        return Err(SelectionError::Unknown(unknown));
    }
    let mut repeated: Vec<i32> = only
        .iter()
        .enumerate()
        .filter(|(at, id)| only[..*at].contains(id))
        .map(|(_, id)| *id)
        .collect();
    repeated.sort_unstable();
    repeated.dedup();
    if !repeated.is_empty() {
        return Err(SelectionError::Repeated(repeated));
    }
    Ok(only.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_case_by_default_and_the_given_order_otherwise() {
        assert_eq!(select(&[]), Ok((1..=18).collect()));
        assert_eq!(select(&[17, 5]), Ok(vec![17, 5]));
    }

    #[test]
    fn unknown_before_repeated() {
        assert_eq!(
            select(&[5, 5, 99, 0]),
            Err(SelectionError::Unknown(vec![99, 0]))
        );
        assert_eq!(
            select(&[6, 5, 6, 5, 6]),
            Err(SelectionError::Repeated(vec![5, 6]))
        );
    }
}
