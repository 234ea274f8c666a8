package com.wxlogin.javatest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.tencent.mm.opensdk.constants.Build;
import com.tencent.mm.opensdk.modelmsg.SendAuth;
import com.wxlogin.android.Cancellable;
import com.wxlogin.android.FlowStateListener;
import com.wxlogin.android.WxLoginAndroid;
import com.wxlogin.android.WxLoginCallback;
import com.wxlogin.android.WxLoginConfigBuilder;
import com.wxlogin.core.Account;
import com.wxlogin.core.AuthOutcome;
import com.wxlogin.core.AuthStart;
import com.wxlogin.core.CaptchaPurpose;
import com.wxlogin.core.CaptchaSent;
import com.wxlogin.core.FlowState;
import com.wxlogin.core.LoginResult;
import com.wxlogin.core.WechatAvailability;
import com.wxlogin.core.WxLogin;
import com.wxlogin.core.WxLoginConfig;
import com.wxlogin.core.WxLoginException;
import com.wxlogin.core.WxLoginInterface;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.Test;

/**
 * The whole WeChat login from Java 17, as a Java app writes it: the config from the
 * builder, a Java SecureStore, and every server call through the glue's callback forms.
 * Against the real core (JNA), the WeChat simulator and the reference server.
 */
public class JavaLoginTest {
    /** Callbacks run on the test's threads; an app leaves the default, the main thread. */
    private static final Executor DIRECT = Runnable::run;

    private static WxLoginConfig config() {
        return new WxLoginConfigBuilder(Live.APP_ID).serverUrl(Live.SERVER_URL).requestTimeoutMs(10_000L).build();
    }

    @Test
    public void wechatLoginBindsAPhoneThroughTheCallbackForms() throws Exception {
        String user = Live.newUser("flow");
        String mobile = Live.newMobile();
        WxLoginAndroid wx = new WxLoginAndroid(config(), new JavaStore(), () -> true, Build.MIN_SDK_INT, DIRECT);
        WxLoginInterface core = wx.getCore();
        List<FlowState> states = new CopyOnWriteArrayList<>();
        FlowStateListener listener = states::add;
        wx.addFlowStateListener(listener);

        AuthStart start = core.beginAuth(WechatAvailability.READY);
        assertTrue(start instanceof AuthStart.Request);
        String state = ((AuthStart.Request) start).getState();

        // The login screen waits for the outcome while WXEntryActivity delivers WeChat's answer.
        CompletableFuture<AuthOutcome> awaited = future(cb -> wx.awaitOutcome(cb));
        String code = Live.authorize(user);
        AuthOutcome delivered = core.onAuthResp(0, code, state);
        assertEquals(new AuthOutcome.Authorized(code), delivered);
        AuthOutcome outcome = get(awaited);
        assertTrue(outcome instanceof AuthOutcome.Authorized);

        LoginResult login = await(cb -> wx.loginWithCode(((AuthOutcome.Authorized) outcome).getCode(), cb));
        assertTrue(login instanceof LoginResult.NeedsPhone);
        LoginResult.NeedsPhone needsPhone = (LoginResult.NeedsPhone) login;
        assertFalse(needsPhone.getBindTicket().isEmpty());
        int expiresInS = needsPhone.getExpiresInS();
        assertTrue(expiresInS > 0);
        // What a recreated bind-phone screen reads: the state carries the ticket.
        FlowState.NeedsPhone shown = (FlowState.NeedsPhone) wx.getFlowState().getValue();
        assertEquals(needsPhone.getBindTicket(), shown.getBindTicket());
        assertTrue(shown.getExpiresAtMs() > System.currentTimeMillis());

        CaptchaSent sent = await(cb -> wx.requestCaptcha(mobile, CaptchaPurpose.BIND, cb));
        int cooldownS = sent.getCooldownS();
        assertTrue(sent.getExpiresInS() > 0 && cooldownS >= 0);

        String captcha = Live.lastSms(mobile);
        Account account = await(cb -> wx.bindPhone(needsPhone.getBindTicket(), mobile, captcha, cb));
        assertEquals(mobile, account.getMobile());
        assertTrue(account.isBindWechat());
        assertEquals(account, core.currentAccount());
        assertEquals(new FlowState.SignedIn(account), wx.getFlowState().getValue());
        assertTrue(states.get(states.size() - 1) instanceof FlowState.SignedIn);
        assertTrue(states.stream().anyMatch(s -> s instanceof FlowState.NeedsPhone));

        Account resumed = await(cb -> wx.resumeSession(cb));
        assertEquals(account.getId(), resumed.getId());

        wx.removeFlowStateListener(listener);
        Void none = await(cb -> wx.logout(cb));
        assertNull(none);
        assertNull(core.currentAccount());
    }

    @Test
    public void aWrongCaptchaIsATypedFailure() throws Exception {
        String mobile = Live.newMobile();
        WxLoginAndroid wx = new WxLoginAndroid(config(), new JavaStore(), () -> true, Build.MIN_SDK_INT, DIRECT);
        String code = Live.authorize(Live.newUser("captcha"));
        LoginResult login = await(cb -> wx.loginWithCode(code, cb));
        String ticket = ((LoginResult.NeedsPhone) login).getBindTicket();
        CaptchaSent sent = await(cb -> wx.requestCaptcha(mobile, CaptchaPurpose.BIND, cb));
        assertTrue(sent.getExpiresInS() > 0);
        String wrong = "000000".equals(Live.lastSms(mobile)) ? "111111" : "000000";
        try {
            Account bound = await(cb -> wx.bindPhone(ticket, mobile, wrong, cb));
            fail("a wrong captcha bound the phone: " + bound.getId());
        } catch (WxLoginException.CaptchaInvalid e) {
            assertNull(wx.getCore().currentAccount());
        }
    }

    @Test
    public void aCancelledCallIsNeverAnswered() throws Exception {
        WxLoginAndroid wx = new WxLoginAndroid(config(), new JavaStore(), () -> true, Build.MIN_SDK_INT, DIRECT);
        CompletableFuture<AuthOutcome> answer = new CompletableFuture<>();
        core(wx).beginAuth(WechatAvailability.READY);
        // Nothing resolves the pending request: the call waits until cancelled.
        Cancellable call = wx.awaitOutcome(callback(answer));
        call.cancel();
        assertTrue(core(wx).cancelAuth());
        try {
            answer.get(500, TimeUnit.MILLISECONDS);
            fail("a cancelled call was answered");
        } catch (java.util.concurrent.TimeoutException expected) {
            // nothing came
        }
    }

    @Test
    public void theStoresExceptionIsTheCauseOfAStorageError() throws Exception {
        JavaStore.Locked store = new JavaStore.Locked();
        WxLoginAndroid wx = new WxLoginAndroid(config(), store, () -> true, Build.MIN_SDK_INT, DIRECT);
        SendAuth.Resp resp = new SendAuth.Resp();
        resp.errCode = 0;
        resp.code = "code";
        resp.state = "state";
        try {
            wx.getResponseHandler().handle(resp);
            fail("a locked store let the response through");
        } catch (WxLoginException.Storage e) {
            assertSame(store.failure, e.getCause());
            assertFalse(e.getMessage().isEmpty());
        }
    }

    @Test
    public void theGlueConstructorsJavaNeeds() throws WxLoginException {
        WxLogin core = new WxLogin(config(), new JavaStore());
        // The default executor (the main looper) is created only when a callback is due.
        WxLoginAndroid wx = new WxLoginAndroid(core, Live.APP_ID, () -> true);
        assertEquals(FlowState.Idle.INSTANCE, wx.getFlowState().getValue());
        assertSame(core, wx.getCore());
        try {
            wx.startLogin();
            fail("a login started before registerAfterConsent");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage().contains("registerAfterConsent"));
        } catch (WxLoginException e) {
            fail("the core was reached: " + e);
        }
        try {
            new WxLoginAndroid(new WxLoginConfigBuilder(Live.APP_ID).serverUrl("ftp://example.com").build(), new JavaStore(), () -> true);
            fail("a config with an ftp server was accepted");
        } catch (WxLoginException.InvalidConfig e) {
            assertFalse(e.getMessage().isEmpty());
        }
    }

    private static WxLoginInterface core(WxLoginAndroid wx) {
        return wx.getCore();
    }

    private static <T> WxLoginCallback<T> callback(CompletableFuture<T> future) {
        return new WxLoginCallback<T>() {
            @Override
            public void onSuccess(T result) {
                future.complete(result);
            }

            @Override
            public void onFailure(WxLoginException error) {
                future.completeExceptionally(error);
            }
        };
    }

    private static <T> CompletableFuture<T> future(Function<WxLoginCallback<T>, Cancellable> call) {
        CompletableFuture<T> future = new CompletableFuture<>();
        call.apply(callback(future));
        return future;
    }

    /** Starts a callback call and waits for its answer; a failure is thrown as the WxLoginException it is. */
    private static <T> T await(Function<WxLoginCallback<T>, Cancellable> call) throws Exception {
        return get(future(call));
    }

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }
}
