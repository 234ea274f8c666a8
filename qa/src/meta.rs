//! What a report must say about its run, so that a result can be traced to a build and
//! a server: when, which commit and core version, against what, on which platform.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::text::Text;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunInfo {
    /// When the run started, in UTC ("2026-11-21 06:45:12 UTC").
    pub started: String,
    /// The git commit the runner was built from, or "unknown".
    pub commit: String,
    pub core_version: String,
    /// The server the cases ran against (its URL, or the embedded one's).
    pub server: String,
    pub simulator: String,
    /// Operating system and architecture of the machine that ran the cases.
    pub platform: String,
}

impl RunInfo {
    /// Starting now, from this build, against `server` and `simulator`.
    pub fn now(server: impl Into<String>, simulator: impl Into<String>) -> Self {
        Self {
            started: utc_timestamp(SystemTime::now()),
            commit: env!("WXLOGIN_QA_COMMIT").to_owned(),
            core_version: wxlogin_core::VERSION.to_owned(),
            server: server.into(),
            simulator: simulator.into(),
            platform: format!("{} {}", std::env::consts::OS, std::env::consts::ARCH),
        }
    }

    /// Label and value of each item, in the order the reports show them.
    pub fn rows(&self) -> [(Text, &str); 6] {
        [
            (Text::new("开始时间", "started"), self.started.as_str()),
            (Text::new("git 提交", "git commit"), self.commit.as_str()),
            (
                Text::new("core 版本", "core version"),
                self.core_version.as_str(),
            ),
            (Text::new("服务器", "server"), self.server.as_str()),
            (Text::new("模拟器", "simulator"), self.simulator.as_str()),
            (Text::new("平台", "platform"), self.platform.as_str()),
        ]
    }
}

/// `YYYY-MM-DD hh:mm:ss UTC`. UTC because a report travels between time zones and the
/// runner has no time-zone database; the civil date comes from Howard Hinnant's
/// `civil_from_days`.
pub fn utc_timestamp(time: SystemTime) -> String {
    let secs = time
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC",
        rem / 3_600,
        rem % 3_600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn timestamps_in_utc() {
        // Expected values from GNU date: `date -u -d @SECONDS '+%F %T UTC'`.
        for (secs, want) in [
            (0, "1970-01-01 00:00:00 UTC"),
            (951_782_399, "2000-02-28 23:59:59 UTC"),
            (951_782_400, "2000-02-29 00:00:00 UTC"),
            (1_709_251_199, "2024-02-29 23:59:59 UTC"),
            (1_795_246_512, "2026-11-21 07:35:12 UTC"),
            (4_102_444_800, "2100-01-01 00:00:00 UTC"),
        ] {
            let time = UNIX_EPOCH + Duration::from_secs(secs);
            assert_eq!(utc_timestamp(time), want, "{secs}");
        }
    }
}
