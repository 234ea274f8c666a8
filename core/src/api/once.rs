//! A WeChat code is sent to the server at most once.
//!
//! A double tap, or the SDK delivering the callback twice, must not submit a code twice
//! (WeChat would answer the second exchange with 40163 and the login would fail although
//! it worked). Every call with the same code joins the first one and gets its result,
//! also after it finished; a submission that may have reached the server is not retried
//! with the same code: the user authorizes again and WeChat issues a new one. Only a
//! submission whose request provably never left the phone is forgotten, so that the
//! app can submit the same code again.

use std::collections::VecDeque;
use std::future::Future;
use std::sync::{Arc, Mutex};

use tokio::sync::OnceCell;

use super::Failure;
use crate::support::digest;
use crate::WxLoginError;

/// Codes remembered; a code lives ten minutes and a user makes a handful of attempts.
const REMEMBERED: usize = 16;

type Cell<T> = Arc<OnceCell<Result<T, WxLoginError>>>;

pub(crate) struct OncePerCode<T> {
    cells: Mutex<VecDeque<(String, Cell<T>)>>,
}

impl<T: Clone> OncePerCode<T> {
    pub(crate) fn new() -> Self {
        Self {
            cells: Mutex::new(VecDeque::new()),
        }
    }

    /// Submits `code` unless a submission of it is running (then joins it) or is done
    /// (then returns its result). A failure whose request never left the phone is not
    /// kept: the next call with the code submits it.
    pub(crate) async fn run<F, Fut>(&self, code: &str, submit: F) -> Result<T, WxLoginError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<T, Failure>>,
    {
        let cell = self.cell(code);
        let kept = cell
            .get_or_try_init(|| async {
                match submit().await {
                    Err(failure) if failure.unsent => Err(failure.error),
                    result => Ok(result.map_err(|failure| failure.error)),
                }
            })
            .await;
        match kept {
            Ok(result) => result.clone(),
            Err(unsent) => Err(unsent),
        }
    }

    fn cell(&self, code: &str) -> Cell<T> {
        let key = digest(code);
        let mut cells = self.cells.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((_, cell)) = cells.iter().find(|(k, _)| *k == key) {
            return cell.clone();
        }
        let cell: Cell<T> = Arc::new(OnceCell::new());
        cells.push_back((key, cell.clone()));
        if cells.len() > REMEMBERED {
            cells.pop_front();
        }
        cell
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    #[tokio::test]
    async fn concurrent_and_later_calls_share_one_submission() {
        let once = OncePerCode::<u32>::new();
        let sent = AtomicU32::new(0);
        let submit = || async {
            sent.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            Ok(7)
        };
        let (a, b) = tokio::join!(once.run("CODE", submit), once.run("CODE", submit));
        assert_eq!((a.unwrap(), b.unwrap()), (7, 7));
        assert_eq!(once.run("CODE", submit).await.unwrap(), 7);
        assert_eq!(sent.load(Ordering::SeqCst), 1);
        assert_eq!(once.run("OTHER", submit).await.unwrap(), 7);
        assert_eq!(sent.load(Ordering::SeqCst), 2);
    }

    fn down(unsent: bool) -> Failure {
        Failure {
            error: WxLoginError::Network {
                reason: "down".into(),
            },
            unsent,
        }
    }

    #[tokio::test]
    async fn a_failure_that_may_have_reached_the_server_is_remembered_too() {
        let once = OncePerCode::<u32>::new();
        let fail = || async { Err(down(false)) };
        assert!(once.run("C", fail).await.is_err());
        let ok = || async { Ok(1) };
        assert!(
            once.run("C", ok).await.is_err(),
            "the same code is not sent again"
        );
    }

    #[tokio::test]
    async fn a_submission_that_never_left_is_forgotten() {
        let once = OncePerCode::<u32>::new();
        let fail = || async { Err(down(true)) };
        assert!(once.run("C", fail).await.is_err());
        let ok = || async { Ok(1) };
        assert_eq!(once.run("C", ok).await.unwrap(), 1);
        assert_eq!(once.run("C", fail).await.unwrap(), 1, "then kept");
    }
}
