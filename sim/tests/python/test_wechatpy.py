"""wechatpy (a third-party WeChat SDK for Python) against the wxlogin-sim binary.

The point is not to test wechatpy but to check that an SDK written against the real
api.weixin.qq.com works unchanged against the simulator: the code exchange, refresh,
/sns/auth and /sns/userinfo, and that WeChat's errors (HTTP 200, text/plain, errcode in
the body) come out of wechatpy's own error handling as WeChatOAuthException.

The simulator is driven through its control API with the standard library only, so the
`requests` session inside wechatpy is the only client under test on the /sns/ side.

Run via scripts/wechatpy-test.sh (it builds a venv with the pinned wechatpy and pytest).
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from wechatpy.exceptions import WeChatOAuthException
from wechatpy.oauth import WeChatOAuth

REPO = Path(__file__).resolve().parents[3]
READY_PREFIX = "wxlogin-sim listening on "
START_TIMEOUT_S = 30
STOP_TIMEOUT_S = 10

# Two apps under one open-platform account (same unionid, different openids), as a
# company with a mobile app and a website would have.
APP_ID, APP_SECRET = "wxPyMobile", "py-mobile-secret"
WEB_APP_ID, WEB_APP_SECRET = "wxPyWeb", "py-web-secret"
ACCOUNT = "acme"
REDIRECT_URI = "https://example.com/wechat/callback"  # unused by the mobile flow
NICKNAME = "新仁类测试微信号🐼"


# --- the simulator process ----------------------------------------------------------------


def _target_dir() -> Path:
    """Where cargo puts binaries (honours CARGO_TARGET_DIR and .cargo/config)."""
    out = subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--no-deps"],
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return Path(json.loads(out)["target_directory"])


def _read_ready_line(proc: subprocess.Popen[str]) -> str:
    """The base URL from the simulator's first stdout line, waiting at most START_TIMEOUT_S."""
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], START_TIMEOUT_S)
    if not ready:
        raise RuntimeError(f"wxlogin-sim printed nothing within {START_TIMEOUT_S}s")
    line = proc.stdout.readline().strip()
    if not line.startswith(READY_PREFIX):
        raise RuntimeError(f"unexpected first line from wxlogin-sim: {line!r} (exit {proc.poll()})")
    return line[len(READY_PREFIX):]


@pytest.fixture(scope="session")
def sim_url() -> str:
    """Builds and starts `wxlogin-sim` on a free port; SIGTERMs it after the session."""
    subprocess.run([str(REPO / "scripts" / "build-workspace.sh")], cwd=REPO, check=True)
    binary = _target_dir() / "debug" / "wxlogin-sim"
    env = {k: v for k, v in os.environ.items() if k != "WXLOGIN_SIM_APPS"}
    proc = subprocess.Popen(
        [
            str(binary),
            "--listen", "127.0.0.1:0",
            "--app", f"{APP_ID}:{APP_SECRET}:{ACCOUNT}",
            "--app", f"{WEB_APP_ID}:{WEB_APP_SECRET}:{ACCOUNT}",
        ],
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=env,
    )
    try:
        url = _read_ready_line(proc)
        yield url
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()
    assert proc.returncode == 0, f"wxlogin-sim did not stop cleanly on SIGTERM: {proc.returncode}"


class Control:
    """The simulator's /sim/ control API (JSON, normal HTTP statuses)."""

    def __init__(self, base_url: str):
        self.base_url = base_url

    def _call(self, method: str, path: str, body: dict | None = None):
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(
            self.base_url + path,
            data=data,
            method=method,
            headers={"Content-Type": "application/json"} if data is not None else {},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            raw = response.read()
        return json.loads(raw) if raw else None

    def reset(self) -> None:
        self._call("POST", "/sim/reset")

    def authorize(self, user: str, appid: str = APP_ID, scope: str = "snsapi_userinfo") -> str:
        return self._call("POST", "/sim/authorize", {"appid": appid, "user": user, "scope": scope})["code"]

    def put_user(self, user: str, **fields) -> dict:
        return self._call("PUT", f"/sim/users/{urllib.request.quote(user)}", fields)

    def advance(self, seconds: int) -> int:
        return self._call("POST", "/sim/clock/advance", {"seconds": seconds})["now"]

    def fault(self, endpoint: str, fault: dict, count: int = 1) -> None:
        self._call("POST", "/sim/faults", {"endpoint": endpoint, "fault": fault, "count": count})

    def calls(self) -> dict:
        return self._call("GET", "/sim/calls")


@pytest.fixture
def control(sim_url: str) -> Control:
    """A fresh simulated world per test (reset keeps the apps, drops users, grants, clock)."""
    control = Control(sim_url)
    control.reset()
    return control


@pytest.fixture
def oauth_class(sim_url: str) -> type[WeChatOAuth]:
    """WeChatOAuth pointed at the simulator.

    wechatpy 1.8.x joins `API_BASE_URL` (a class attribute, trailing slash included) with
    endpoints like "sns/oauth2/access_token", so a subclass overriding it is all it takes.
    `OAUTH_BASE_URL` only feeds the browser URLs (authorize_url, qrconnect_url) that the
    mobile flow never uses; it is overridden too so nothing can reach open.weixin.qq.com.
    """
    return type(
        "SimWeChatOAuth",
        (WeChatOAuth,),
        {"API_BASE_URL": sim_url + "/", "OAUTH_BASE_URL": sim_url + "/connect/"},
    )


def mobile_oauth(oauth_class: type[WeChatOAuth], app_id: str = APP_ID, secret: str = APP_SECRET) -> WeChatOAuth:
    return oauth_class(app_id, secret, REDIRECT_URI, scope="snsapi_userinfo")


# --- the happy path -----------------------------------------------------------------------


def test_code_exchange_auth_userinfo_and_refresh(control: Control, oauth_class) -> None:
    control.put_user("panda", nickname=NICKNAME, sex=2, province="广东", city="深圳", country="中国")
    oauth = mobile_oauth(oauth_class)

    token = oauth.fetch_access_token(control.authorize("panda"))
    openid, unionid = token["openid"], token["unionid"]
    assert token["scope"] == "snsapi_userinfo"
    assert token["expires_in"] == 7200
    assert openid.startswith("o") and unionid.startswith("o") and openid != unionid
    # wechatpy keeps the session on the instance; later calls default to it.
    assert (oauth.open_id, oauth.access_token, oauth.refresh_token) == (
        openid, token["access_token"], token["refresh_token"])

    assert oauth.check_access_token() is True

    info = oauth.get_user_info()
    assert info["nickname"] == NICKNAME, "Chinese + emoji nickname survives text/plain UTF-8"
    assert (info["openid"], info["unionid"]) == (openid, unionid)
    assert (info["sex"], info["province"], info["city"], info["country"]) == (2, "广东", "深圳", "中国")
    assert info["privilege"] == []
    assert info["headimgurl"].startswith(control.base_url + "/avatar/")

    # A live access token: refresh extends it and hands back the same token.
    refreshed = oauth.refresh_access_token(token["refresh_token"])
    assert refreshed["openid"] == openid
    assert refreshed["access_token"] == token["access_token"]
    assert refreshed["expires_in"] == 7200
    assert refreshed["scope"] == "snsapi_userinfo"
    assert "unionid" not in refreshed, "WeChat's documented refresh answer has no unionid"
    assert oauth.check_access_token() is True
    assert oauth.get_user_info()["nickname"] == NICKNAME

    calls = control.calls()
    assert (calls["access_token"], calls["refresh_token"], calls["auth"], calls["userinfo"]) == (1, 1, 2, 2)


def test_unionid_is_shared_across_apps_of_one_account(control: Control, oauth_class) -> None:
    control.put_user("panda", nickname=NICKNAME)
    mobile = mobile_oauth(oauth_class)
    web = mobile_oauth(oauth_class, WEB_APP_ID, WEB_APP_SECRET)

    a = mobile.fetch_access_token(control.authorize("panda"))
    b = web.fetch_access_token(control.authorize("panda", appid=WEB_APP_ID))

    assert a["unionid"] == b["unionid"]
    assert a["openid"] != b["openid"], "openid is per app"
    assert mobile.get_user_info()["unionid"] == web.get_user_info()["unionid"] == a["unionid"]


# --- errors through wechatpy's own handling ----------------------------------------------


def test_reused_code_raises_40163(control: Control, oauth_class) -> None:
    oauth = mobile_oauth(oauth_class)
    code = control.authorize("panda")
    first = oauth.fetch_access_token(code)

    with pytest.raises(WeChatOAuthException) as raised:
        mobile_oauth(oauth_class).fetch_access_token(code)
    assert raised.value.errcode == 40163
    assert "rid:" in raised.value.errmsg
    # wechatpy hands back the raw response: WeChat's HTTP 200 + text/plain error.
    assert raised.value.response.status_code == 200
    assert raised.value.response.headers["Content-Type"].startswith("text/plain")

    # The failed second exchange does not spoil the first session.
    assert oauth.check_access_token(first["openid"], first["access_token"]) is True


@pytest.mark.parametrize(
    ("app_id", "secret", "code", "errcode"),
    [
        (APP_ID, APP_SECRET, "0" * 32, 40029),  # a code WeChat never issued
        (APP_ID, "wrong-secret", None, 40125),  # bad AppSecret
    ],
    ids=["invalid-code-40029", "bad-secret-40125"],
)
def test_code_exchange_errors(control: Control, oauth_class, app_id, secret, code, errcode) -> None:
    code = code or control.authorize("panda")
    with pytest.raises(WeChatOAuthException) as raised:
        mobile_oauth(oauth_class, app_id, secret).fetch_access_token(code)
    assert raised.value.errcode == errcode


def test_expired_access_token_then_refresh(control: Control, oauth_class) -> None:
    control.put_user("panda", nickname=NICKNAME)
    oauth = mobile_oauth(oauth_class)
    token = oauth.fetch_access_token(control.authorize("panda"))
    assert oauth.check_access_token() is True

    control.advance(7201)

    # wechatpy 1.8.18 documents check_access_token as "True if valid, otherwise False",
    # but it goes through _request, which raises on any non-zero errcode before the
    # `return False` line can run. So an expired token is an exception (42001), never False.
    with pytest.raises(WeChatOAuthException) as raised:
        oauth.check_access_token()
    assert raised.value.errcode == 42001
    with pytest.raises(WeChatOAuthException) as raised:
        oauth.get_user_info()
    assert raised.value.errcode == 42001

    refreshed = oauth.refresh_access_token(token["refresh_token"])
    assert refreshed["openid"] == token["openid"]
    assert refreshed["access_token"] != token["access_token"], "an expired token is replaced"
    assert refreshed["expires_in"] == 7200
    assert oauth.access_token == refreshed["access_token"]

    assert oauth.check_access_token() is True
    info = oauth.get_user_info()
    assert (info["openid"], info["unionid"], info["nickname"]) == (token["openid"], token["unionid"], NICKNAME)

    # The old token stays dead.
    with pytest.raises(WeChatOAuthException) as raised:
        oauth.check_access_token(token["openid"], token["access_token"])
    assert raised.value.errcode == 40001, "a replaced token is unknown, not expired"


def test_wire_faults_as_wechatpy_sees_them(control: Control, oauth_class) -> None:
    """Pins down how wechatpy reacts to WeChat's uglier answers (see the simulator README)."""
    oauth = mobile_oauth(oauth_class)

    # "System busy": an injected errcode is a WeChatOAuthException like any other, and a
    # faulted call spends nothing, so the same code still works afterwards.
    code = control.authorize("panda")
    control.fault("access_token", {"errcode": -1})
    with pytest.raises(WeChatOAuthException) as raised:
        oauth.fetch_access_token(code)
    assert raised.value.errcode == -1

    # A non-200 status is a WeChatOAuthException without an errcode.
    control.fault("access_token", {"http_status": 502})
    with pytest.raises(WeChatOAuthException) as raised:
        oauth.fetch_access_token(code)
    assert raised.value.errcode is None
    assert raised.value.response.status_code == 502

    # An empty text/html body (what bad credentials can produce) is NOT turned into a
    # WeChatOAuthException: wechatpy 1.8.18 json.loads() it and leaks a JSONDecodeError.
    control.fault("access_token", {"empty_html": True})
    with pytest.raises(json.JSONDecodeError):
        oauth.fetch_access_token(code)

    assert oauth.fetch_access_token(code)["openid"]
