//! The web channels' cases: what each checks automatically and what only a tester with a
//! real phone, the real WeChat and a real domain can check. Numbered W1…: the seed's 18
//! cases keep their numbers.

/// One web-channel case.
pub struct WebCase {
    pub id: i32,
    pub title_zh: &'static str,
    pub title_en: &'static str,
    pub automated_zh: &'static str,
    pub automated_en: &'static str,
    /// Chinese and English, line for line.
    pub device_steps: &'static [(&'static str, &'static str)],
}

pub const WEB_CASES: &[WebCase] = &[
    WebCase {
        id: 1,
        title_zh: "网站扫码登录:新用户绑定手机号后登录",
        title_en: "Website QR login: a new person binds a phone and is signed in",
        automated_zh: "从网站发起登录,跳到微信扫码页(redirect_uri 在本站);模拟手机扫码并允许;网站要求绑定手机号;短信验证码绑定后已登录,显示手机号和 unionid。",
        automated_en: "Start on the site, land on WeChat's QR page (redirect_uri on this site); the simulated phone scans and allows; the site asks for a phone; binding with the SMS code signs in, showing the phone and the unionid.",
        device_steps: &[
            ("在电脑浏览器打开网站,点击“微信扫码登录”,看到微信官方二维码页", "Open the site in a desktop browser, click “Log in with WeChat”: WeChat's own QR page shows"),
            ("用手机微信扫码,在手机上点“允许”,电脑页面自动跳回网站的绑定手机号页", "Scan with WeChat on a phone and tap Allow: the desktop page returns to the site's bind-phone page by itself"),
            ("输入手机号,收到真实短信验证码,绑定后显示已登录", "Enter the phone number, receive the real SMS code, bind: signed in"),
        ],
    },
    WebCase {
        id: 2,
        title_zh: "同一个人先用 App 再用网站:同一个账号(unionid)",
        title_en: "The same person in the app, then on the website: one account (unionid)",
        automated_zh: "通过 core 的公开 API 用微信登录 App 并绑定手机号;同一微信用户在网站扫码后直接登录,不再要求手机号,账号 ID 和 unionid 与 App 相同。",
        automated_en: "Log in to the app with WeChat through the core's public API and bind a phone; the same WeChat user's QR login on the website signs in at once, without asking for a phone, with the app's account id and unionid.",
        device_steps: &[
            ("在手机 App 上用微信登录并绑定手机号", "Log in to the app on the phone with WeChat and bind a phone"),
            ("在电脑上用同一个微信扫网站的二维码:直接登录,账号与 App 中相同,不要求手机号", "Scan the website's QR code with the same WeChat on a computer: signed in at once, the app's account, no phone asked"),
        ],
    },
    WebCase {
        id: 3,
        title_zh: "网站扫码后在手机上拒绝:提示并可重试",
        title_en: "QR login denied on the phone: the site says so and offers a retry",
        automated_zh: "模拟手机扫码后点“拒绝”:微信只带 state 回到网站,网站显示已拒绝页面和重试链接,重试回到扫码页;没有登录。",
        automated_en: "The simulated phone scans and denies: WeChat returns to the site with state only; the site shows the denied page with a retry link that leads back to the QR page; nobody is signed in.",
        device_steps: &[
            ("扫码后在手机上点“拒绝”(或取消),电脑页面显示已拒绝和“重试”", "After scanning, tap Deny (or cancel) on the phone: the desktop page says so and offers Retry"),
        ],
    },
    WebCase {
        id: 4,
        title_zh: "公众号静默登录:关联手机号,下次直接登录",
        title_en: "Official account, silent login: associate a phone, the next visit signs in",
        automated_zh: "在(模拟的)微信内置浏览器中打开公众号登录:snsapi_base 静默授权,无授权页;网站要求关联手机号;关联后已登录;退出后再次打开直接登录,不再询问。",
        automated_en: "Open the official account's login in the (simulated) WeChat in-app browser: snsapi_base is silent, no consent page; the site asks for a phone; associated, signed in; after logging out the next visit signs in with no question.",
        device_steps: &[
            ("在微信里打开公众号菜单的网页链接:没有授权弹窗,直接到关联手机号页", "Open the official account's menu link inside WeChat: no consent prompt, straight to the phone page"),
            ("关联手机号后登录;关闭网页再次从菜单进入,直接已登录", "Associate the phone, signed in; close the page and open it again from the menu: signed in at once"),
        ],
    },
    WebCase {
        id: 5,
        title_zh: "公众号 snsapi_userinfo:只询问一次",
        title_en: "Official account, snsapi_userinfo: asked once",
        automated_zh: "snsapi_userinfo 第一次出现微信授权页,允许后关联手机号并登录;退出后再次进入不再出现授权页,直接登录。",
        automated_en: "snsapi_userinfo shows WeChat's consent page the first time; allowed, the phone associated, signed in; after logging out the next visit shows no consent page and signs in.",
        device_steps: &[
            ("第一次进入看到微信授权弹窗(头像、昵称),点“允许”", "First visit: WeChat's consent prompt (avatar, nickname); tap Allow"),
            ("再次进入不再弹窗", "Next visit: no prompt"),
        ],
    },
    WebCase {
        id: 6,
        title_zh: "朋友圈快照页用户不建账号",
        title_en: "A Moments snapshot visitor gets no account",
        automated_zh: "以快照页模式打开公众号登录:微信返回 is_snapshotuser=1,网站显示提示页,不建账号也不登录。",
        automated_en: "Open the official account's login as a Moments snapshot: WeChat says is_snapshotuser=1; the site shows its notice, creates no account and signs nobody in.",
        device_steps: &[
            ("把公众号网页分享到朋友圈,从朋友圈的快照页打开:网站提示需要打开完整页面,不登录", "Share the page to Moments and open it from the snapshot: the site asks to open the full page and signs nobody in"),
        ],
    },
    WebCase {
        id: 7,
        title_zh: "伪造、重放或无 Cookie 的 state 被拒绝",
        title_en: "A forged, replayed or cookie-less state is refused",
        automated_zh: "改过的 state、已用过的回调地址、在另一个浏览器(没有发起登录的 Cookie)中打开的回调地址,都显示 state 错误页,不登录。",
        automated_en: "A changed state, a callback URL used once already, and a callback URL opened in another browser (without the cookie of the started login) all show the state error page and sign nobody in.",
        device_steps: &[
            ("登录成功后在浏览器地址栏重新打开回调地址:显示错误,不重复登录", "After signing in, open the callback URL again from the address bar: an error, no second sign-in"),
        ],
    },
    WebCase {
        id: 8,
        title_zh: "过期的 code 被拒绝",
        title_en: "An expired code is refused",
        automated_zh: "扫码允许后把模拟器时钟拨快 301 秒(web code 有效 5 分钟)再打开回调:网站显示 code 错误页并可重试。",
        automated_en: "After the scan is allowed, the simulator's clock moves 301 s ahead (a web code lives 5 minutes) before the callback opens: the site shows the code error page with a retry.",
        device_steps: &[],
    },
    WebCase {
        id: 9,
        title_zh: "return_to 不能跳到其他网站",
        title_en: "return_to cannot send the browser to another site",
        automated_zh: "return_to 为 https://evil.test/、//evil.test/、/\\evil.test/ 时,登录后都留在本站首页。",
        automated_en: "With return_to https://evil.test/, //evil.test/ or /\\evil.test/, the browser stays on the site's home after signing in.",
        device_steps: &[],
    },
    WebCase {
        id: 10,
        title_zh: "公众号域名校验文件",
        title_en: "The official account's domain verification file",
        automated_zh: "GET /MP_verify_<token>.txt 返回配置的 token(text/plain);其他文件名返回 404。",
        automated_en: "GET /MP_verify_<token>.txt answers the configured token (text/plain); any other name is 404.",
        device_steps: &[
            ("在公众号后台“网页授权域名”填写本站域名并保存:平台校验通过", "Enter the site's domain under the official account platform's web authorization domain and save: the platform's check passes"),
            ("在微信里打开登录链接不出现“redirect_uri 参数错误”", "Opening the login link inside WeChat shows no “redirect_uri 参数错误”"),
        ],
    },
];
