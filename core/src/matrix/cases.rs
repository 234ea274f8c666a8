//! The 18 cases themselves, decoded from the seed's 第六步:测试用例.
//!
//! Kept as `&'static` data so the list is one readable table with no allocation until
//! an app asks for it. Server answers (409 / 4090x and so on) are the reference server's
//! binding rules and `wxlogin-contract`'s `ApiCode`; see the README's "Binding rules".

use super::{QaArea, QaCase};

/// One case as static data; [`Case::to_record`] turns it into the exported record.
pub(super) struct Case {
    pub(super) id: u32,
    area: QaArea,
    title_zh: &'static str,
    title_en: &'static str,
    preconditions: &'static [&'static str],
    steps: &'static [&'static str],
    expected: &'static [&'static str],
    automated: &'static str,
    device_steps: &'static [&'static str],
}

impl Case {
    pub(super) fn to_record(&self) -> QaCase {
        fn owned(lines: &[&str]) -> Vec<String> {
            lines.iter().map(|line| (*line).to_owned()).collect()
        }
        QaCase {
            id: self.id,
            area: self.area,
            title_zh: self.title_zh.to_owned(),
            title_en: self.title_en.to_owned(),
            preconditions: owned(self.preconditions),
            steps: owned(self.steps),
            expected: owned(self.expected),
            automated: self.automated.to_owned(),
            device_steps: owned(self.device_steps),
        }
    }
}

/// The cases, in the seed's order; `CASES[i].id == i + 1`.
pub(super) const CASES: [Case; 18] = [
    Case {
        id: 1,
        area: QaArea::Binding,
        title_zh: "手机号登录,授权、绑定微信成功,用户微信信息检测",
        title_en: "Phone login, authorize and bind WeChat successfully; check the user's WeChat profile",
        preconditions: &[
            "Phone A can receive the SMS captcha and belongs to no account, or to one without WeChat.",
            "WeChat is installed and signed in as WeChat A, which is bound to no account.",
        ],
        steps: &[
            "Sign in with phone A and its SMS captcha.",
            "Open the bind-WeChat page and tap Bind WeChat.",
            "Authorize in WeChat and return to the app.",
            "Open the profile page.",
        ],
        expected: &[
            "The binding succeeds.",
            "The profile shows WeChat A's nickname and avatar, and the account reports WeChat as bound.",
            "The account holds WeChat A's openid and unionid, is_bind_avatar is true, and the avatar is the image stored and served by the app server, not WeChat's URL.",
        ],
        automated: "Signs in with a captcha read from /dev/sms, binds a simulator-authorized code through POST /v1/me/wechat, and checks that the answer and GET /v1/me carry the simulator user's nickname, openid, unionid and a served PNG avatar.",
        device_steps: &[
            "Check that the real WeChat authorization page names this app, and that the profile shows the real nickname (including emoji or symbols) and avatar.",
        ],
    },
    Case {
        id: 2,
        area: QaArea::Binding,
        title_zh: "手机登录,已绑定微信,再次绑定此微信检测",
        title_en: "Phone login with WeChat already bound; bind the same WeChat again",
        preconditions: &[
            "An account with phone A and WeChat A bound (case 1).",
            "WeChat is signed in as WeChat A.",
        ],
        steps: &[
            "Sign in with phone A.",
            "Tap Bind WeChat (if the app still offers it) and authorize as WeChat A.",
        ],
        expected: &[
            "The binding succeeds as a harmless no-op: no error, no second binding.",
            "The account is unchanged: same WeChat, same profile.",
        ],
        automated: "Binds the same simulator WeChat twice to one phone account through POST /v1/me/wechat and checks that both answers succeed with the same user.",
        device_steps: &[
            "Check how the app presents an already bound WeChat (bound state, or a neutral message), with no error toast.",
        ],
    },
    Case {
        id: 3,
        area: QaArea::Binding,
        title_zh: "手机登录,已绑定微信,再次绑定其它微信(未绑定手机号的)检测",
        title_en: "Phone login with WeChat already bound; bind another WeChat that no phone is bound to",
        preconditions: &[
            "An account with phone A and WeChat A bound.",
            "WeChat B, a second WeChat account bound to no account.",
            "WeChat is signed in as WeChat B.",
        ],
        steps: &[
            "Sign in with phone A.",
            "Tap Bind WeChat and authorize as WeChat B.",
        ],
        expected: &[
            "The binding is refused with 409 / 40902 (this account already has a WeChat), shown as a clear message.",
            "The account keeps WeChat A; WeChat B stays unbound (a WeChat login with B still lands on the bind-phone page).",
        ],
        automated: "Binds WeChat A and then WeChat B to the same phone account through POST /v1/me/wechat and checks 409 / 40902 and that GET /v1/me still shows WeChat A.",
        device_steps: &[
            "Switch the WeChat app from WeChat A to WeChat B before tapping Bind WeChat, and check the refusal message.",
        ],
    },
    Case {
        id: 4,
        area: QaArea::Binding,
        title_zh: "B用户手机号登录,微信A已被A用户手机号绑定,B用户绑定微信A检测",
        title_en: "User B signs in by phone and binds WeChat A, which user A's phone account already holds",
        preconditions: &[
            "User A: an account with phone A and WeChat A bound.",
            "User B: an account with phone B and no WeChat.",
            "WeChat is signed in as WeChat A.",
        ],
        steps: &[
            "Sign in with phone B.",
            "Tap Bind WeChat and authorize as WeChat A.",
        ],
        expected: &[
            "The binding is refused with 409 / 40903 (this WeChat belongs to another account), shown as a clear message.",
            "User B still has no WeChat; user A keeps WeChat A.",
        ],
        automated: "Binds WeChat A to phone account A, tries the same WeChat from phone account B through POST /v1/me/wechat, and checks 409 / 40903 and that B's GET /v1/me shows no WeChat.",
        device_steps: &[],
    },
    Case {
        id: 5,
        area: QaArea::Binding,
        title_zh: "微信登录,授权、强制绑定手机号成功,用户微信信息检测",
        title_en: "WeChat login, authorize and complete the forced phone binding; check the user's WeChat profile",
        preconditions: &[
            "WeChat is signed in as a WeChat bound to no account.",
            "Phone A belongs to no account, or to one without WeChat.",
        ],
        steps: &[
            "Tap WeChat login and authorize.",
            "On the forced bind-phone page, request a captcha for phone A and submit it.",
            "Open the profile page.",
        ],
        expected: &[
            "The WeChat login answers is_bind false with a bind ticket; the bind-phone page shows the WeChat nickname and avatar.",
            "Binding the phone signs the user in to an account holding phone A and the WeChat's nickname, avatar, openid and unionid (a phone that already had an account without WeChat keeps that account).",
        ],
        automated: "Logs in with a simulator code through POST /v1/auth/wechat, checks is_bind false and a bind ticket, binds a phone through POST /v1/auth/wechat/bind-phone, and checks that the session's GET /v1/me holds both the phone and the WeChat profile.",
        device_steps: &[
            "Check that the bind-phone page and then the profile show the real WeChat nickname and avatar.",
        ],
    },
    Case {
        id: 6,
        area: QaArea::Binding,
        title_zh: "微信登录,已绑定手机号,再次绑定此手机号检测",
        title_en: "WeChat login with a phone already bound; bind the same phone again",
        preconditions: &["An account with WeChat A and phone A, created by WeChat login (case 5)."],
        steps: &[
            "Log in with WeChat A (is_bind true: straight in).",
            "Open the app's bind-phone page, request a captcha for phone A and submit it.",
        ],
        expected: &[
            "The binding succeeds as a harmless no-op.",
            "The account still holds phone A and WeChat A.",
        ],
        automated: "Registers through WeChat login plus phone A, binds phone A again through POST /v1/me/phone with a bind captcha, and checks success with an unchanged user.",
        device_steps: &[],
    },
    Case {
        id: 7,
        area: QaArea::Binding,
        title_zh: "微信登录,已绑定手机号,再次绑定其他手机号(未绑定微信的)检测",
        title_en: "WeChat login with a phone already bound; bind another phone that no WeChat is bound to",
        preconditions: &[
            "An account with WeChat A and phone A.",
            "Phone B, not bound to any WeChat.",
        ],
        steps: &[
            "Log in with WeChat A.",
            "Open the app's bind-phone page, request a captcha for phone B and submit it.",
        ],
        expected: &[
            "The binding is refused with 409 / 40904 (this account already has a phone), shown as a clear message.",
            "The account keeps phone A; nothing changes for phone B.",
        ],
        automated: "Registers through WeChat login plus phone A, binds phone B through POST /v1/me/phone, and checks 409 / 40904 and that GET /v1/me still shows phone A.",
        device_steps: &[],
    },
    Case {
        id: 8,
        area: QaArea::Binding,
        title_zh: "B用户微信登录,微信A已被A用户手机号绑定,B用户绑定A手机号检测",
        title_en: "User B logs in with WeChat B and binds phone A, whose account already holds WeChat A",
        preconditions: &[
            "User A: an account with phone A and WeChat A.",
            "WeChat B, bound to no account; WeChat is signed in as WeChat B.",
        ],
        steps: &[
            "Tap WeChat login and authorize as WeChat B.",
            "On the forced bind-phone page, enter phone A and its captcha.",
        ],
        expected: &[
            "The binding is refused with 409 / 40901 (this phone's account has another WeChat), shown as a clear message.",
            "Account A keeps WeChat A; WeChat B stays unbound and can still bind a different phone.",
        ],
        automated: "Registers WeChat A with phone A, submits WeChat B's bind ticket with phone A to POST /v1/auth/wechat/bind-phone, and checks 409 / 40901 and that a WeChat login with A still reaches account A.",
        device_steps: &[],
    },
    Case {
        id: 9,
        area: QaArea::Binding,
        title_zh: "账号登录,绑定微信检测",
        title_en: "Account (password) login, then bind WeChat",
        preconditions: &[
            "An account-and-password account without WeChat (on a --dev server: POST /dev/accounts).",
            "WeChat is signed in as a WeChat bound to no account.",
        ],
        steps: &[
            "Sign in with the account and password.",
            "Tap Bind WeChat and authorize.",
            "Sign out, then log in with WeChat.",
        ],
        expected: &[
            "The binding succeeds and the account holds the WeChat profile.",
            "The later WeChat login answers is_bind true and reaches the same account.",
            "A wrong password, or an unknown account, is refused with 401 / 40102 without telling which.",
        ],
        automated: "Creates a password account through POST /dev/accounts, signs in through POST /v1/auth/password, binds a simulator WeChat through POST /v1/me/wechat, and checks the profile and that a later WeChat login reaches that account.",
        device_steps: &[],
    },
    Case {
        id: 10,
        area: QaArea::Binding,
        title_zh: "微信登录绑定手机号成功、手机号登录绑定微信成功,数据库更新wechat_name、wechat_avatar、wechat_open_id、is_bind_avatar",
        title_en: "After WeChat login + phone binding and after phone login + WeChat binding, the database holds wechat_name, wechat_avatar, wechat_open_id, is_bind_avatar",
        preconditions: &["Read access to the app server's database, or an admin view of the account rows."],
        steps: &[
            "Bind by the WeChat path (case 5) with one WeChat and one phone.",
            "Bind by the phone path (case 1) with another WeChat and another phone.",
            "Inspect both account rows.",
        ],
        expected: &[
            "Both rows hold wechat_name, wechat_avatar, wechat_open_id, the unionid and is_bind_avatar = 1.",
            "wechat_avatar refers to the avatar image stored by the server (its bytes are in the database), not only WeChat's URL.",
        ],
        automated: "Performs both binding paths against the simulator, then reads the users table and the stored avatar bytes directly from the server's database.",
        device_steps: &[],
    },
    Case {
        id: 11,
        area: QaArea::Binding,
        title_zh: "微信登录绑定手机号成功、手机号登录绑定微信成功,微信登录、手机号登录检测",
        title_en: "After either binding path, WeChat login and phone login both reach the same account",
        preconditions: &["One account bound by the WeChat path (case 5) and one by the phone path (case 1)."],
        steps: &[
            "For each account: sign out, log in with the phone and its captcha, sign out, log in with WeChat.",
        ],
        expected: &[
            "The WeChat login answers is_bind true with a session: straight in, no bind-phone page.",
            "Both logins reach the same account (same id, phone and WeChat profile).",
        ],
        automated: "After each binding path, logs in through POST /v1/auth/wechat and POST /v1/auth/phone and checks that both sessions' GET /v1/me return the same account id.",
        device_steps: &[
            "Check that the app goes straight to the home screen after a WeChat login of a bound WeChat.",
        ],
    },
    Case {
        id: 12,
        area: QaArea::WechatLogin,
        title_zh: "微信授权登录成功,进入强制绑定手机号页面",
        title_en: "WeChat authorization succeeds; the app enters the forced bind-phone page",
        preconditions: &["WeChat is signed in as a WeChat bound to no account."],
        steps: &["Tap WeChat login, authorize in WeChat, return to the app."],
        expected: &[
            "The callback with the pending request's state gives Authorized, and its code is sent to the server once.",
            "The server answers is_bind false, a bind ticket (valid 10 minutes) and the WeChat nickname and avatar, with no session.",
            "The app shows the bind-phone page; the home screen is not reachable without binding a phone.",
        ],
        automated: "Calls begin_auth, feeds on_auth_resp a simulator code with the issued state, checks Authorized, sends the code to POST /v1/auth/wechat, and checks is_bind false with a bind ticket and no token.",
        device_steps: &[
            "Check that the real SDK callback (WXEntryActivity on Android, the WXApiDelegate / universal link on iOS) returns to the app and the bind-phone page appears.",
            "Check that the bind-phone page cannot be skipped: back leads to the login page, not the home screen.",
        ],
    },
    Case {
        id: 13,
        area: QaArea::Install,
        title_zh: "未安装微信,进入登录页面,未显示微信检测",
        title_en: "WeChat not installed: the login page does not show WeChat login",
        preconditions: &["WeChat is not installed on the device."],
        steps: &["Open the login page."],
        expected: &[
            "iOS: no WeChat login button (App Store review rejects a login that needs another app); the other logins are offered.",
            "Android: the button stays, following WeChat's guidance, but a tap prompts to install WeChat instead of starting a request (ShowWithInstallPrompt).",
            "An installed WeChat too old for the login API counts as not installed: hidden on iOS, an update prompt on Android.",
        ],
        automated: "Checks button_policy for both platforms and every (installed, supports_api) pair: Show only when WeChat is usable, otherwise Hide on iOS and ShowWithInstallPrompt on Android.",
        device_steps: &[
            "Uninstall WeChat, open the login page on an iPhone and check there is no WeChat button.",
            "On Android, check the button opens an install prompt instead of WeChat.",
            "With WeChat installed, check the button does show: Android 11+ needs <queries> for com.tencent.mm and iOS needs weixin and weixinULAPI in LSApplicationQueriesSchemes, or an installed WeChat looks absent.",
        ],
    },
    Case {
        id: 14,
        area: QaArea::Install,
        title_zh: "进入登录页面、进入app绑定微信页面,删除微信,点微信登录、绑定微信检测",
        title_en: "With the login page or the in-app bind-WeChat page open, uninstall WeChat, then tap WeChat login / Bind WeChat",
        preconditions: &[
            "WeChat is installed.",
            "For Bind WeChat: signed in by phone or password, without WeChat.",
        ],
        steps: &[
            "Open the login page (it shows WeChat login).",
            "Leave the app, uninstall WeChat, return to the app without restarting it.",
            "Tap WeChat login.",
            "Repeat on the bind-WeChat page: open it, uninstall WeChat, return, tap Bind WeChat.",
        ],
        expected: &[
            "No request is started: installation is checked at the tap, so begin_auth answers NotInstalled.",
            "Android prompts to install WeChat; iOS tells the user WeChat is missing and hides the button once the page refreshes.",
            "No request is left pending, nothing waits forever, the app does not crash.",
        ],
        automated: "Calls begin_auth with installed false on an instance that had WeChat before and checks NotInstalled, that is_auth_pending is false, and that no request reaches the server.",
        device_steps: &[
            "Really uninstall WeChat while each page is open, tap the button, and check the prompt, no crash and no spinner.",
        ],
    },
    Case {
        id: 15,
        area: QaArea::Install,
        title_zh: "微信登录成功,进入绑定手机号页面,删除微信,绑定手机号检测",
        title_en: "After WeChat login, on the bind-phone page, uninstall WeChat, then bind the phone",
        preconditions: &["WeChat is signed in as a WeChat bound to no account."],
        steps: &[
            "Log in with WeChat and reach the forced bind-phone page.",
            "Leave the app, uninstall WeChat, return to the app.",
            "Request a captcha and bind a phone.",
        ],
        expected: &[
            "The binding succeeds: the bind ticket lives on the server, the WeChat app is not needed any more.",
            "The account holds the WeChat profile fetched at login.",
            "If the ticket has expired (10 minutes), the error asks to log in with WeChat again (40030).",
        ],
        automated: "Gets a bind ticket through a WeChat login, then binds a phone through POST /v1/auth/wechat/bind-phone with only that ticket, no further WeChat-app step, and checks a session for an account holding the WeChat profile.",
        device_steps: &[
            "Really uninstall WeChat on the bind-phone page and check the page (and its ticket) survives the app going to the background and binding completes.",
        ],
    },
    Case {
        id: 16,
        area: QaArea::WechatLogin,
        title_zh: "未登录微信、已登录微信,微信登录进入微信登录页面,再返回、绑定微信进入微信登录页,再返回检测",
        title_en: "With WeChat signed out and signed in: WeChat login opens WeChat, go back; Bind WeChat opens WeChat, go back",
        preconditions: &[
            "WeChat is installed; run once signed out of WeChat and once signed in.",
            "For Bind WeChat: signed in by phone or password, without WeChat.",
        ],
        steps: &[
            "Tap WeChat login: WeChat opens its sign-in page (signed out) or its authorization page (signed in).",
            "Return to the app without authorizing: WeChat's back or cancel, the system back button, or the app switcher.",
            "Repeat from the bind-WeChat page with Bind WeChat.",
        ],
        expected: &[
            "The app is back on the page it came from with no spinner left: a cancel callback (errCode -2) gives Cancelled, and coming back with no callback gives Cancelled after the grace period (2 s by default).",
            "A callback that arrives after that is ignored (Duplicate), never a login.",
            "Tapping again starts a new request and works.",
        ],
        automated: "Starts a request with begin_auth, then both feeds on_auth_resp errCode -2 and, separately, calls on_app_foreground with no callback, checking that await_outcome yields Cancelled within the grace period and a late callback is Duplicate.",
        device_steps: &[
            "With the real WeChat signed out (its sign-in page) and signed in (its authorization page), go back by every route (WeChat's back, Android's back button, iOS's return-to-app link, the app switcher) and check no spinner stays and the button works again.",
        ],
    },
    Case {
        id: 17,
        area: QaArea::Network,
        title_zh: "弱网、断网,微信登录、绑定手机号、绑定微信检测",
        title_en: "Weak network and no network: WeChat login, bind phone, bind WeChat",
        preconditions: &[
            "A way to throttle and to cut the network (Network Link Conditioner, Android emulator or developer options, airplane mode).",
        ],
        steps: &[
            "With a weak network, then with none: log in with WeChat, bind a phone on the forced page, and bind WeChat from a phone login.",
            "Restore the network and retry each.",
        ],
        expected: &[
            "Each call ends within its timeout with a clear network error: no endless spinner, no crash.",
            "Nothing is half-bound: each account is either fully bound or unchanged.",
            "A WeChat code is never sent twice by the app; once the network is back, a retry (with a new authorization if needed) succeeds.",
        ],
        automated: "Injects latency and unreachable-server faults (simulator latency faults, a stopped or unroutable server) and checks that each call fails with a typed network error within its timeout, that GET /v1/me shows no partial binding, and that the call succeeds once the fault is cleared.",
        device_steps: &[
            "Throttle with the OS's tools and switch on airplane mode mid-flow, including while WeChat is in front, and check the messages and the retry.",
            "Switch between Wi-Fi and cellular during a login.",
        ],
    },
    Case {
        id: 18,
        area: QaArea::Failure,
        title_zh: "微信授权、登录失败;绑定微信、绑定手机号失败检测",
        title_en: "WeChat authorization fails, login fails; bind WeChat fails, bind phone fails",
        preconditions: &["WeChat is installed."],
        steps: &[
            "Deny the authorization in WeChat.",
            "Log in with a code the server cannot use (expired, used, or WeChat unavailable).",
            "Bind WeChat without a valid session, and with a WeChat the binding rules refuse.",
            "Bind a phone with a wrong captcha, and with an expired or used bind ticket.",
        ],
        expected: &[
            "Every failure is typed and tells the app what to do: Denied, Cancelled, SendFailed, Unsupported, SignatureMismatch or Failed for WeChat's answer; 40020 (authorize again), 40030 (log in with WeChat again), 40010 (wrong captcha), 40101 (sign in again), 50201 (retry later) from the server.",
            "Nothing is half-done: a wrong captcha keeps the ticket usable, a failed binding leaves the account unchanged.",
            "The user can start over after each failure.",
        ],
        automated: "Feeds on_auth_resp every SDK errCode and checks its outcome, then sends an unissued code, an unknown ticket, a wrong captcha, a used ticket and a sessionless bind to the server, checking 40020, 40030, 40010, 40030 and 40101 and that nothing was bound.",
        device_steps: &[
            "Tap Deny on the real WeChat authorization page and check the message.",
            "On Android, check that a build signed with a key other than the registered one gets SignatureMismatch (errCode -6) with a visible error, not a silent failure.",
        ],
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matrix::{qa_case, qa_cases};

    /// The seed's 第六步:测试用例, copied line for line (the seed lives outside the repo,
    /// so it is not read at test time).
    const SEED_LINES: [&str; 18] = [
        "1、手机号登录,授权、绑定微信成功,用户微信信息检测",
        "2、手机登录,已绑定微信,再次绑定此微信检测",
        "3、手机登录,已绑定微信,再次绑定其它微信(未绑定手机号的)检测",
        "4、B用户手机号登录,微信A已被A用户手机号绑定,B用户绑定微信A检测",
        "5、微信登录,授权、强制绑定手机号成功,用户微信信息检测",
        "6、微信登录,已绑定手机号,再次绑定此手机号检测",
        "7、微信登录,已绑定手机号,再次绑定其他手机号(未绑定微信的)检测",
        "8、B用户微信登录,微信A已被A用户手机号绑定,B用户绑定A手机号检测",
        "9、账号登录,绑定微信检测",
        "10、微信登录绑定手机号成功、手机号登录绑定微信成功,数据库更新wechat_name、wechat_avatar、wechat_open_id、is_bind_avatar",
        "11、微信登录绑定手机号成功、手机号登录绑定微信成功,微信登录、手机号登录检测",
        "12、微信授权登录成功,进入强制绑定手机号页面",
        "13、未安装微信,进入登录页面,未显示微信检测",
        "14、进入登录页面、进入app绑定微信页面,删除微信,点微信登录、绑定微信检测",
        "15、微信登录成功,进入绑定手机号页面,删除微信,绑定手机号检测",
        "16、未登录微信、已登录微信,微信登录进入微信登录页面,再返回、绑定微信进入微信登录页,再返回检测",
        "17、弱网、断网,微信登录、绑定手机号、绑定微信检测",
        "18、微信授权、登录失败;绑定微信、绑定手机号失败检测",
    ];

    #[test]
    fn eighteen_cases_numbered_in_order() {
        let cases = qa_cases();
        assert_eq!(cases.len(), 18);
        for (index, case) in cases.iter().enumerate() {
            assert_eq!(case.id as usize, index + 1);
        }
    }

    #[test]
    fn titles_are_the_seeds_verbatim() {
        for (case, line) in qa_cases().iter().zip(SEED_LINES) {
            assert_eq!(format!("{}、{}", case.id, case.title_zh), line);
        }
    }

    #[test]
    fn every_case_is_filled_in() {
        for case in qa_cases() {
            let id = case.id;
            assert!(!case.title_en.trim().is_empty(), "case {id}: title_en");
            assert!(!case.steps.is_empty(), "case {id}: steps");
            assert!(!case.expected.is_empty(), "case {id}: expected");
            assert!(!case.automated.trim().is_empty(), "case {id}: automated");
            let lines = case
                .preconditions
                .iter()
                .chain(&case.steps)
                .chain(&case.expected)
                .chain(&case.device_steps);
            for line in lines {
                assert!(!line.trim().is_empty(), "case {id}: an empty line");
            }
        }
    }

    #[test]
    fn english_fields_are_english() {
        // Only title_zh is Chinese; the rest is read by testers who may not read it.
        let is_cjk = |c: char| ('\u{3000}'..='\u{9fff}').contains(&c) || c == '\u{ff0c}';
        for case in qa_cases() {
            let english = [&case.title_en, &case.automated]
                .into_iter()
                .chain(&case.preconditions)
                .chain(&case.steps)
                .chain(&case.expected)
                .chain(&case.device_steps);
            for text in english {
                assert!(!text.chars().any(is_cjk), "case {}: {text}", case.id);
            }
        }
    }

    #[test]
    fn lookup_by_id() {
        assert_eq!(qa_case(0), None);
        assert_eq!(qa_case(19), None);
        for case in qa_cases() {
            assert_eq!(qa_case(case.id), Some(case));
        }
        assert_eq!(CASES.len(), 18);
    }
}
