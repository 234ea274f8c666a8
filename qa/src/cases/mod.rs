//! The automated part of the seed's 18 cases, driven through the core's public API (what
//! an app calls), with the simulator playing the WeChat app.
//!
//! Every case uses its own users and phone numbers (derived from the case id and a
//! per-run nonce), so cases do not disturb each other and a run against a long-lived
//! server does not trip over an earlier run's accounts. The phone numbers are the
//! server's reserved QA numbers (`1990…`), which a `--dev` server exempts from its captcha
//! cooldown and hourly limits: a run needs dozens of captchas within a minute.

mod binding;
mod failure;
mod install;
mod network;
mod wechat;

use std::time::{Duration, Instant};

use wxlogin_core::LoginResult;
use wxlogin_server::config::QA_MOBILE_PREFIX;

use crate::check::Checks;
use crate::device::Device;
use crate::env::QaEnv;
use crate::shown::Shown;

/// The result of one case's automated part.
pub struct CaseRun {
    pub id: i32,
    pub checks: Checks,
    /// Set when the case could not run to its end (a setup step failed).
    pub aborted: Option<String>,
    pub duration: Duration,
}

impl CaseRun {
    pub fn passed(&self) -> bool {
        self.aborted.is_none() && self.checks.passed()
    }
}

/// Names unique to one case of one run.
pub struct Ids {
    case: i32,
    nonce: u32,
    /// A case of the web section (W1…), whose numbers overlap the seed's.
    web: bool,
}

impl Ids {
    /// Names for web case W`case`.
    pub fn web(case: i32, nonce: u32) -> Self {
        Self {
            case,
            nonce,
            web: true,
        }
    }

    /// Phone `n` of this case: a reserved QA number, `1990`, two digits for case and `n`,
    /// then five of the nonce. The seed's cases (n in 1..=3) use 05..=75, the web cases
    /// (n in 1..=2, W1..=W10) 80..=99.
    pub fn mobile(&self, n: i32) -> String {
        let digits = if self.web {
            debug_assert!((1..=2).contains(&n) && (1..=10).contains(&self.case));
            79 + 2 * (self.case - 1) + n
        } else {
            debug_assert!((1..=3).contains(&n), "phone {n} of a case");
            self.case * 4 + n % 4
        };
        format!("{QA_MOBILE_PREFIX}{digits:02}{:05}", self.nonce % NONCES)
    }

    /// A WeChat user of the simulator.
    pub fn user(&self, name: &str) -> String {
        let section = if self.web { 'w' } else { 'c' };
        format!("r{}-{section}{:02}-{name}", self.nonce % NONCES, self.case)
    }
}

/// How many runs can share a server before two of them may pick the same names: a run
/// picks one nonce at random, so against a server that has seen `k` runs a new one
/// collides with probability `k / NONCES`.
pub const NONCES: u32 = 100_000;

/// Why a case cannot go on when a WeChat login did not reach the bind-phone page.
fn not_the_bind_page(login: &LoginResult) -> String {
    format!("expected the bind-phone page, got {}", login.shown().en)
}

/// A failed or abandoned WeChat binding left the signed-in account without WeChat.
async fn check_still_without_wechat(device: &Device<'_>, c: &mut Checks) -> Result<(), String> {
    let account = device.account().await?;
    c.eq(
        (
            "账号未变(仍未绑定微信)",
            "the account is unchanged (no WeChat)",
        ),
        account.is_bind_wechat,
        false,
    );
    Ok(())
}

pub async fn run(id: i32, env: &QaEnv, nonce: u32) -> CaseRun {
    let started = Instant::now();
    let ids = Ids {
        case: id,
        nonce,
        web: false,
    };
    let mut checks = Checks::default();
    let result = match id {
        1 => binding::case_01(env, &ids, &mut checks).await,
        2 => binding::case_02(env, &ids, &mut checks).await,
        3 => binding::case_03(env, &ids, &mut checks).await,
        4 => binding::case_04(env, &ids, &mut checks).await,
        5 => binding::case_05(env, &ids, &mut checks).await,
        6 => binding::case_06(env, &ids, &mut checks).await,
        7 => binding::case_07(env, &ids, &mut checks).await,
        8 => binding::case_08(env, &ids, &mut checks).await,
        9 => binding::case_09(env, &ids, &mut checks).await,
        10 => binding::case_10(env, &ids, &mut checks).await,
        11 => binding::case_11(env, &ids, &mut checks).await,
        12 => wechat::case_12(env, &ids, &mut checks).await,
        13 => install::case_13(env, &mut checks).await,
        14 => install::case_14(env, &ids, &mut checks).await,
        15 => install::case_15(env, &ids, &mut checks).await,
        16 => wechat::case_16(env, &ids, &mut checks).await,
        17 => network::case_17(env, &ids, &mut checks).await,
        18 => failure::case_18(env, &ids, &mut checks).await,
        other => Err(format!("no case {other}")),
    };
    CaseRun {
        id,
        checks,
        aborted: result.err(),
        duration: started.elapsed(),
    }
}
