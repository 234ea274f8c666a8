//! Running a selection of cases and collecting the report.

use std::time::Instant;

use wxlogin_core::qa_case;

use crate::cases;
use crate::env::QaEnv;
use crate::report::{failures, live_line, CaseReport, Report};

/// Runs `ids` one after the other (they share the server; each has its own users and
/// phones), printing a line per case as it finishes.
pub async fn run(env: &QaEnv, ids: &[u32], target: String, live: bool) -> Result<Report, String> {
    let started = Instant::now();
    let nonce = started.elapsed().subsec_nanos() ^ std::process::id();
    let mut reports = Vec::new();
    for (position, &id) in ids.iter().enumerate() {
        let case = qa_case(id).ok_or_else(|| format!("no case {id}"))?;
        let run = cases::run(id, env, nonce % 10_000).await;
        let report = CaseReport { case, run };
        if live {
            println!("{}", live_line(position + 1, ids.len(), &report));
            for line in failures(&report) {
                println!("{line}");
            }
        }
        reports.push(report);
    }
    Ok(Report {
        cases: reports,
        duration: started.elapsed(),
        target,
    })
}
