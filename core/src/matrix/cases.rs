//! The 18 cases themselves, decoded from the seed's 第六步:测试用例.
//!
//! Kept as `&'static` data so the list is one readable table with no allocation until
//! an app asks for it. Server answers (409 / 4090x and so on) are the reference server's
//! binding rules and `wxlogin-contract`'s `ApiCode`; see the README's "Binding rules".

use super::{QaArea, QaCase};

/// One case as static data; [`Case::to_record`] turns it into the exported record.
pub(super) struct Case {
    pub(super) id: i32,
    area: QaArea,
    title_zh: &'static str,
    title_en: &'static str,
    preconditions: &'static [&'static str],
    steps: &'static [&'static str],
    expected: &'static [&'static str],
    automated: &'static str,
    automated_zh: &'static str,
    device_steps: &'static [&'static str],
    device_steps_zh: &'static [&'static str],
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
            automated_zh: self.automated_zh.to_owned(),
            device_steps: owned(self.device_steps),
            device_steps_zh: owned(self.device_steps_zh),
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
        automated: "Signs in by phone with a captcha read from GET /dev/sms, binds a simulator-authorized code (the seed's nickname with symbols) through POST /v1/me/wechat, and checks the nickname, openid, unionid and is_bind_avatar in the answer, that the avatar is an image the server stores and serves, and that GET /v1/me and the saved session show the same account.",
        automated_zh: "用从 GET /dev/sms 读到的验证码以手机号登录,通过 POST /v1/me/wechat 绑定模拟器授权的 code(昵称用种子里带符号的昵称),检查返回的昵称、openid、unionid 和 is_bind_avatar,头像是服务器保存并提供的图片,且 GET /v1/me 与本地保存的会话是同一账号。",
        device_steps: &[
            "Check that the real WeChat authorization page names this app, and that the profile shows the real nickname (including emoji or symbols) and avatar.",
        ],
        device_steps_zh: &[
            "检查真实的微信授权页显示的是本应用,个人资料页显示真实的微信昵称(包括表情或符号)和头像。",
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
        automated: "Binds the same simulator WeChat twice to one phone account through POST /v1/me/wechat and checks that the second binding succeeds with the account unchanged.",
        automated_zh: "通过 POST /v1/me/wechat 把同一个模拟器微信两次绑定到同一个手机号账号,检查第二次绑定成功且账号不变。",
        device_steps: &[
            "Check how the app presents an already bound WeChat (bound state, or a neutral message), with no error toast.",
        ],
        device_steps_zh: &[
            "检查应用如何展示已绑定的微信(显示已绑定,或中性的提示),不出现错误提示。",
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
        automated_zh: "通过 POST /v1/me/wechat 先后把微信 A 和微信 B 绑定到同一手机号账号,检查得到 409 / 40902,且 GET /v1/me 仍显示微信 A。",
        device_steps: &[
            "Switch the WeChat app from WeChat A to WeChat B before tapping Bind WeChat, and check the refusal message.",
        ],
        device_steps_zh: &[
            "点击绑定微信前把微信应用从微信 A 切换到微信 B,检查被拒的提示。",
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
        automated: "Binds WeChat A to phone account A, tries the same WeChat from phone account B through POST /v1/me/wechat, and checks 409 / 40903, that B's GET /v1/me shows no WeChat and that A keeps WeChat A.",
        automated_zh: "把微信 A 绑定到手机号账号 A,再从手机号账号 B 通过 POST /v1/me/wechat 绑定同一微信,检查得到 409 / 40903,B 的 GET /v1/me 没有微信,A 仍绑定微信 A。",
        device_steps: &[
            "On B's phone, after authorizing as WeChat A, check that the bind-WeChat page says this WeChat already belongs to another account (not a generic error) and that B's profile still shows no WeChat.",
            "Sign in as user A and check that the profile still shows WeChat A's nickname and avatar.",
        ],
        device_steps_zh: &[
            "在 B 的手机上以微信 A 授权后,检查绑定微信页提示该微信已绑定其他账号(而不是笼统的错误),且 B 的个人资料仍显示未绑定微信。",
            "以用户 A 登录,检查个人资料仍显示微信 A 的昵称和头像。",
        ],
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
        automated: "Logs in with a simulator code through POST /v1/auth/wechat, checks that the bind-phone page gets the WeChat nickname, binds a phone through POST /v1/auth/wechat/bind-phone, and checks that the account (the answer and GET /v1/me) holds the phone, the nickname, openid, unionid and the stored avatar, and that the session survives an app restart.",
        automated_zh: "用模拟器的 code 通过 POST /v1/auth/wechat 登录,检查绑定手机号页面拿到微信昵称;通过 POST /v1/auth/wechat/bind-phone 绑定手机号,检查账号(返回结果和 GET /v1/me)带有手机号、昵称、openid、unionid 和已保存的头像,且重启应用后会话仍在。",
        device_steps: &[
            "Check that the bind-phone page and then the profile show the real WeChat nickname and avatar.",
        ],
        device_steps_zh: &[
            "检查绑定手机号页面和之后的个人资料页显示真实的微信昵称和头像。",
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
        automated: "Registers through WeChat login plus phone A, binds phone A again through POST /v1/me/phone with a bind captcha, and checks success with the account unchanged.",
        automated_zh: "通过微信登录加手机号 A 注册,再用绑定验证码通过 POST /v1/me/phone 再次绑定手机号 A,检查成功且账号不变。",
        device_steps: &[
            "As the WeChat-login user, open the app's bind-phone page: check that it shows phone A as bound (or accepts it again with a neutral message) with no error toast, and that the profile still shows phone A and WeChat A.",
        ],
        device_steps_zh: &[
            "以微信登录的用户打开应用的绑定手机号页面:检查显示手机号 A 已绑定(或再次提交时给出中性提示),不出现错误提示,个人资料仍显示手机号 A 和微信 A。",
        ],
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
        automated_zh: "通过微信登录加手机号 A 注册,再通过 POST /v1/me/phone 绑定手机号 B,检查得到 409 / 40904,且 GET /v1/me 仍显示手机号 A。",
        device_steps: &[
            "Submit phone B on the bind-phone page and check that the message says this account already has a phone (not a generic error), and that the profile still shows phone A.",
        ],
        device_steps_zh: &[
            "在绑定手机号页面提交手机号 B,检查提示该账号已绑定手机号(而不是笼统的错误),且个人资料仍显示手机号 A。",
        ],
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
        automated: "Registers WeChat A with phone A, submits WeChat B's bind ticket with phone A to POST /v1/auth/wechat/bind-phone, and checks 409 / 40901, that WeChat B can still bind another phone, and that a WeChat login with A still reaches account A.",
        automated_zh: "用微信 A 和手机号 A 注册,再把微信 B 的绑定票据和手机号 A 提交到 POST /v1/auth/wechat/bind-phone,检查得到 409 / 40901,微信 B 仍能绑定另一个手机号,且微信 A 登录仍进入账号 A。",
        device_steps: &[
            "On WeChat B's forced bind-phone page, submit phone A: check that the message says this phone's account already has another WeChat, that the page stays open for another number, and that a different phone then binds.",
        ],
        device_steps_zh: &[
            "在微信 B 的强制绑定手机号页面提交手机号 A:检查提示该手机号的账号已绑定其他微信,页面保持打开以便换号,随后另一个手机号可以绑定。",
        ],
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
        automated: "Creates a password account through POST /dev/accounts, checks that a wrong password and an unknown account get the same 401 / 40102, signs in through POST /v1/auth/password, binds a simulator WeChat through POST /v1/me/wechat, and checks the profile and that a later WeChat login reaches that account.",
        automated_zh: "通过 POST /dev/accounts 创建密码账号,检查错误密码和不存在的账号得到同样的 401 / 40102;通过 POST /v1/auth/password 登录,通过 POST /v1/me/wechat 绑定模拟器微信,检查资料,且之后的微信登录进入该账号。",
        device_steps: &[
            "Type a wrong password and check that the message does not tell whether the account exists.",
            "After binding, check that the profile shows the WeChat nickname and avatar; sign out and tap WeChat login: the app goes straight to the same account's home screen, with no bind-phone page.",
        ],
        device_steps_zh: &[
            "输入错误密码,检查提示不会透露账号是否存在。",
            "绑定后检查个人资料显示微信昵称和头像;退出登录后点微信登录:应用直接进入同一账号的首页,不出现绑定手机号页面。",
        ],
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
        automated: "Performs both binding paths against the simulator and reads each account back through GET /v1/me: wechat_name, wechat_open_id, the unionid and is_bind_avatar are set, and wechat_avatar is an image the server stores and serves itself (not WeChat's address). It does not read the database: against a staging server it cannot.",
        automated_zh: "对两种绑定路径各做一遍,再通过 GET /v1/me 读回每个账号:wechat_name、wechat_open_id、unionid 和 is_bind_avatar 都已写入,wechat_avatar 是服务器自己保存并提供的图片(不是微信的地址)。它不读数据库:对预发布服务器做不到。",
        device_steps: &[
            "With read access to the server's database (or an admin view), check that both account rows hold wechat_name, wechat_avatar, wechat_open_id, the unionid and is_bind_avatar = 1.",
            "Check that the profile page shows the stored avatar; change the avatar in WeChat: the app still shows the stored copy, and the new one after the next WeChat login.",
        ],
        device_steps_zh: &[
            "用服务器数据库的读权限(或管理后台)检查两条账号记录都有 wechat_name、wechat_avatar、wechat_open_id、unionid,且 is_bind_avatar = 1。",
            "检查个人资料页显示服务器保存的头像;在微信里更换头像后,应用仍显示保存的副本,下次微信登录后显示新头像。",
        ],
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
        automated: "After each binding path, logs in through POST /v1/auth/wechat and POST /v1/auth/phone on fresh devices and checks that both logins reach the same account id.",
        automated_zh: "两种绑定路径完成后,分别在新设备上通过 POST /v1/auth/wechat 和 POST /v1/auth/phone 登录,检查两者进入同一账号 id。",
        device_steps: &[
            "Check that the app goes straight to the home screen after a WeChat login of a bound WeChat.",
        ],
        device_steps_zh: &[
            "检查已绑定的微信登录后应用直接进入首页。",
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
        automated: "Taps WeChat login (begin_auth), feeds on_auth_resp a simulator code with the issued state, lets complete_wechat_login exchange it through POST /v1/auth/wechat, and checks the forced bind-phone page with a bind ticket, the flow Idle → WaitingForWechat → Exchanging → NeedsPhone, and no session.",
        automated_zh: "点微信登录(begin_auth),把模拟器的 code 连同发出的 state 交给 on_auth_resp,由 complete_wechat_login 通过 POST /v1/auth/wechat 换取,检查进入强制绑定手机号页面并带绑定票据,流程依次为 Idle → WaitingForWechat → Exchanging → NeedsPhone,且没有会话。",
        device_steps: &[
            "Check that the real SDK callback (WXEntryActivity on Android, the WXApiDelegate / universal link on iOS) returns to the app and the bind-phone page appears.",
            "Check that the bind-phone page cannot be skipped: back leads to the login page, not the home screen.",
        ],
        device_steps_zh: &[
            "检查真实的 SDK 回调(Android 的 WXEntryActivity,iOS 的 WXApiDelegate / 通用链接)回到应用并出现绑定手机号页面。",
            "检查绑定手机号页面不能跳过:返回回到登录页,而不是首页。",
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
        automated: "Checks button_policy for both platforms and every WeChat availability (not installed, outdated, ready): Show only when WeChat is usable, otherwise Hide on iOS and ShowWithInstallPrompt on Android; and that a tap without WeChat makes no request and leaves nothing pending.",
        automated_zh: "对两个平台的每一种微信状态(未安装、版本过旧、可用)检查 button_policy:只有微信可用时为 Show,否则 iOS 为 Hide、Android 为 ShowWithInstallPrompt;并检查没有微信时点击不发起请求、没有待处理的请求。",
        device_steps: &[
            "Uninstall WeChat, open the login page on an iPhone and check there is no WeChat button.",
            "On Android, check the button opens an install prompt instead of WeChat.",
            "With WeChat installed, check the button does show: Android 11+ needs <queries> for com.tencent.mm and iOS needs weixin and weixinULAPI in LSApplicationQueriesSchemes, or an installed WeChat looks absent.",
        ],
        device_steps_zh: &[
            "卸载微信,在 iPhone 上打开登录页,检查没有微信按钮。",
            "在 Android 上检查该按钮打开安装提示而不是微信。",
            "安装微信后检查按钮确实显示:Android 11+ 需要为 com.tencent.mm 声明 <queries>,iOS 需要在 LSApplicationQueriesSchemes 中加入 weixin 和 weixinULAPI,否则已安装的微信看起来像未安装。",
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
        automated: "Calls begin_auth with installed false on an instance that had WeChat before, on the login page and on the bind-WeChat page of a signed-in user, and checks NotInstalled, the install prompt, that nothing is pending, that no byte reaches the server, and that the account is unchanged.",
        automated_zh: "在之前装有微信的实例上,分别于登录页和已登录用户的绑定微信页以 installed = false 调用 begin_auth,检查得到 NotInstalled、按钮改为引导安装、没有待处理的请求、没有字节发往服务器,且账号不变。",
        device_steps: &[
            "Really uninstall WeChat while each page is open, tap the button, and check the prompt, no crash and no spinner.",
        ],
        device_steps_zh: &[
            "在每个页面打开时真的卸载微信,点击按钮,检查出现提示、不崩溃、没有一直转圈。",
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
        automated_zh: "通过微信登录拿到绑定票据后,微信应用不再参与,只凭该票据通过 POST /v1/auth/wechat/bind-phone 绑定手机号,检查登录成功且账号带有微信资料。",
        device_steps: &[
            "Really uninstall WeChat on the bind-phone page and check the page (and its ticket) survives the app going to the background and binding completes.",
        ],
        device_steps_zh: &[
            "在绑定手机号页面真的卸载微信,检查页面(及其票据)在应用退到后台后仍在,并能完成绑定。",
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
        automated: "Starts a request with begin_auth and comes back without a callback (on_app_foreground), on the login page and on the bind-WeChat page, and cancels inside WeChat (errCode -2); checks Cancelled after the grace period, the flow back at Idle, that a callback arriving after that is Duplicate, the account unchanged, and that a callback arriving in a new process after process death still validates while a second delivery is ignored.",
        automated_zh: "用 begin_auth 发起请求后不带回调回到应用(on_app_foreground),登录页和绑定微信页各做一遍,并在微信内取消(errCode -2);检查宽限期后为 Cancelled、流程回到 Idle、之后才到的回调为 Duplicate、账号不变,以及进程被杀后在新进程中到达的回调仍然有效、重复投递被忽略。",
        device_steps: &[
            "With the real WeChat signed out (its sign-in page) and signed in (its authorization page), go back by every route (WeChat's back, Android's back button, iOS's return-to-app link, the app switcher) and check no spinner stays and the button works again.",
        ],
        device_steps_zh: &[
            "在真实微信未登录(其登录页)和已登录(其授权页)两种状态下,用各种方式返回(微信的返回、Android 返回键、iOS 的返回应用链接、多任务切换),检查不会一直转圈,按钮可以再次使用。",
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
        automated: "Puts the phone's connection to the server through a fault proxy: a black hole (a call ends with a network error at the core's timeout, not a hang), refused connections (no network), 200 ms latency and a 4 KiB/s cap (calls still complete), an answer cut off after the server acted (a phone binding, and a resume), and reset connections; checks that each failing call is a typed network error, that no session is saved from a lost answer, that the session survives a failed resume and a resume whose answer was lost (the next resume keeps the same account and its new token works), that nothing is half-bound, and that each call succeeds once the network is back (WeChat with a new authorization).",
        automated_zh: "让手机到服务器的连接经过故障代理:请求石沉大海(调用在 core 的超时后报网络错误,不会卡住)、连接被拒(断网)、200 ms 延迟和 4 KiB/s 限速(调用仍能完成)、服务器已执行但回答被切断(绑定手机号、恢复会话)、连接被重置;检查每个失败的调用都是明确的网络错误,丢失的回答不会留下会话,恢复会话失败时以及恢复会话的回答丢失时仍保持登录(再次恢复会话仍是同一账号,新令牌可用),没有半绑定,网络恢复后每个调用都能成功(微信需重新授权)。",
        device_steps: &[
            "Throttle with the OS's tools and switch on airplane mode mid-flow, including while WeChat is in front, and check the messages and the retry.",
            "Switch between Wi-Fi and cellular during a login.",
        ],
        device_steps_zh: &[
            "用系统工具限速,并在流程中(包括微信在前台时)打开飞行模式,检查提示和重试。",
            "登录过程中在 Wi-Fi 和蜂窝网络之间切换。",
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
            "Bind a phone with a wrong captcha, with an expired bind ticket, and with a used one for another phone.",
        ],
        expected: &[
            "Every failure is typed and tells the app what to do: Denied, Cancelled, SendFailed, Unsupported, SignatureMismatch or Failed for WeChat's answer; 40020 (authorize again), 40030 (log in with WeChat again), 40010 (wrong captcha), 40101 (sign in again), 40903 (a used ticket offered another phone: this WeChat has its account), 50201 (retry later) from the server.",
            "Nothing is half-done: a wrong captcha keeps the ticket usable, a failed binding leaves the account unchanged.",
            "The user can start over after each failure.",
        ],
        automated: "Feeds on_auth_resp every SDK errCode without a code (0, -1 to -6 and an unknown -7) and checks each outcome and that no login follows; then checks a code WeChat refuses (authorize again), WeChat busy (service unavailable), binding WeChat without a session (not signed in) and with a refused code (the account unchanged), an unknown ticket (40030), a wrong captcha (40010) and a malformed number, that the right captcha still binds afterwards, and that the used ticket cannot bind a second phone (40903).",
        automated_zh: "把 SDK 的每个 errCode(不带 code 的 0、-1 到 -6 以及未知的 -7)交给 on_auth_resp,检查各自的结果且之后不会登录;再检查微信拒绝的 code(需重新授权)、微信繁忙(服务暂不可用)、没有会话时绑定微信(未登录)和用被拒的 code 绑定微信(账号不变)、未知票据(40030)、错误验证码(40010)和格式错误的手机号,之后正确的验证码仍能绑定,而用过的票据不能再绑定另一个手机号(40903)。",
        device_steps: &[
            "Tap Deny on the real WeChat authorization page and check the message.",
            "On Android, check that a build signed with a key other than the registered one gets SignatureMismatch (errCode -6) with a visible error, not a silent failure.",
        ],
        device_steps_zh: &[
            "在真实微信授权页点拒绝,检查提示。",
            "在 Android 上,检查用非注册签名打包的版本得到 SignatureMismatch(errCode -6)并有可见的错误提示,而不是静默失败。",
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
            // Every case has something only a device can show (a page, a message, the
            // real WeChat app); the reports count these steps.
            assert!(!case.device_steps.is_empty(), "case {id}: device steps");
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

    fn is_cjk(c: char) -> bool {
        ('\u{3000}'..='\u{9fff}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c)
    }

    #[test]
    fn english_fields_are_english() {
        // The English fields are read by testers and developers who may not read Chinese.
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
    fn chinese_fields_are_chinese_line_for_line() {
        for case in qa_cases() {
            let id = case.id;
            assert_eq!(
                case.device_steps_zh.len(),
                case.device_steps.len(),
                "case {id}: one Chinese line per device step"
            );
            let chinese = [&case.title_zh, &case.automated_zh]
                .into_iter()
                .chain(&case.device_steps_zh);
            for text in chinese {
                assert!(text.chars().any(is_cjk), "case {id}: {text}");
            }
        }
    }

    #[test]
    fn lookup_by_id() {
        assert_eq!(qa_case(0), None);
        assert_eq!(qa_case(19), None);
        assert_eq!(qa_case(-1), None);
        for case in qa_cases() {
            assert_eq!(qa_case(case.id), Some(case));
        }
        assert_eq!(CASES.len(), 18);
    }
}
