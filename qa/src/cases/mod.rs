//! The automated part of the seed's 18 cases, driven through the core's public API (what
//! an app calls), with the simulator playing the WeChat app.
//!
//! Every case uses its own users and phone numbers (derived from the case id and a
//! per-run nonce), so cases do not disturb each other and a run against a long-lived
//! server does not trip over an earlier run's accounts.

mod binding;
mod failure;
mod install;
mod network;
mod wechat;

use std::time::{Duration, Instant};

use crate::check::Checks;
use crate::env::QaEnv;

/// The result of one case's automated part.
pub struct CaseRun {
    pub id: u32,
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
    case: u32,
    nonce: u32,
}

impl Ids {
    /// A valid mainland mobile number: 139, the nonce, the case, `n`.
    pub fn mobile(&self, n: u32) -> String {
        format!(
            "139{:04}{:02}{:02}",
            self.nonce % 10_000,
            self.case,
            n % 100
        )
    }

    /// A WeChat user of the simulator.
    pub fn user(&self, name: &str) -> String {
        format!("r{}-c{:02}-{name}", self.nonce, self.case)
    }
}

pub async fn run(id: u32, env: &QaEnv, nonce: u32) -> CaseRun {
    let started = Instant::now();
    let ids = Ids { case: id, nonce };
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
