//! Running a selection of cases and collecting the report.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::time::Instant;

use wxlogin_core::qa_case;

use crate::cases::{self, NONCES};
use crate::env::QaEnv;
use crate::meta::RunInfo;
use crate::report::{live_lines, CaseReport, Report};
use crate::text::Text;
use crate::web::{self, WebSection};

/// Runs `ids` (checked with [`crate::selection::select`]) one after the other: they share
/// the server, each has its own users and phones. With `with_web`, the web channels'
/// section runs after them. With `live`, prints a line per case as it finishes.
pub async fn run(env: &QaEnv, ids: &[i32], with_web: bool, live: bool) -> Result<Report, String> {
    let info = RunInfo::now(&env.server_name, &env.sim_url);
    let started = Instant::now();
    let nonce = random_nonce();
    let mut reports = Vec::new();
    for (position, &id) in ids.iter().enumerate() {
        let case = qa_case(id).ok_or_else(|| format!("no case {id}"))?;
        let run = cases::run(id, env, nonce).await;
        let report = CaseReport {
            case: case.into(),
            run,
        };
        if live {
            for line in live_lines(position + 1, ids.len(), &report) {
                println!("{line}");
            }
        }
        reports.push(report);
    }
    let web = if with_web {
        web::run(env, nonce, live).await
    } else {
        WebSection::NotRun(Text::new(
            "只选了部分用例,网页部分未运行",
            "a selection of cases was asked for: the web section did not run",
        ))
    };
    Ok(Report {
        cases: reports,
        web,
        duration: started.elapsed(),
        info,
    })
}

/// A nonce below [`NONCES`], different from run to run: std's `RandomState` is seeded from
/// the OS's random source, which is all the randomness this needs (no secret depends on
/// it; it only keeps one run's names apart from another's).
fn random_nonce() -> u32 {
    let random = RandomState::new().hash_one(std::process::id());
    (random % u64::from(NONCES)) as u32
}
