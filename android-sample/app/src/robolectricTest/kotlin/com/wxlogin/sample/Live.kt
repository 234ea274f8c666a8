package com.wxlogin.sample

import java.net.HttpURLConnection
import java.net.URI
import java.net.URLEncoder
import java.util.concurrent.ThreadLocalRandom

/**
 * The simulator and the server that scripts/robolectric-test.sh starts; their URLs reach
 * the sample through its BuildConfig (system properties) and the tests through the
 * environment, as in the bindings' own full-flow tests.
 */
object Live {
    val simUrl: String by lazy {
        System.getenv("WXLOGIN_TEST_SIM_URL")?.trimEnd('/')
            ?: error("WXLOGIN_TEST_SIM_URL is not set: run scripts/robolectric-test.sh")
    }
    val serverUrl: String get() = BuildConfig.WXLOGIN_SERVER_URL.trimEnd('/')

    fun newUser(label: String): String =
        "robo-$label-${System.currentTimeMillis()}-${ThreadLocalRandom.current().nextInt(1_000_000)}"

    fun newMobile(): String = "138" + "%08d".format(ThreadLocalRandom.current().nextInt(100_000_000))

    /** The user confirms in the WeChat app: the code WeChat hands to the SDK. */
    fun authorize(user: String): String =
        field(call("POST", "$simUrl/sim/authorize", """{"appid":"${BuildConfig.WECHAT_APP_ID}","user":"$user","scope":"snsapi_userinfo"}"""), "code")

    fun setNickname(user: String, nickname: String) {
        call("PUT", "$simUrl/sim/users/$user", """{"nickname":"$nickname"}""")
    }

    /** The captcha the server's dev SMS sender last "sent" to [mobile]. */
    fun lastSms(mobile: String): String =
        field(call("GET", "$serverUrl/dev/sms?mobile=" + URLEncoder.encode(mobile, "UTF-8")), "captcha")

    private fun call(method: String, url: String, body: String? = null): String {
        val conn = URI(url).toURL().openConnection() as HttpURLConnection
        try {
            conn.requestMethod = method
            conn.connectTimeout = 5_000
            conn.readTimeout = 10_000
            if (body != null) {
                conn.doOutput = true
                conn.setRequestProperty("Content-Type", "application/json")
                conn.outputStream.use { it.write(body.toByteArray(Charsets.UTF_8)) }
            }
            val status = conn.responseCode
            val text = (if (status < 400) conn.inputStream else conn.errorStream)
                ?.use { it.readBytes().toString(Charsets.UTF_8) }.orEmpty()
            check(status in 200..299) { "$method $url: HTTP $status $text" }
            return text
        } finally {
            conn.disconnect()
        }
    }

    private fun field(json: String, name: String): String =
        Regex(""""$name"\s*:\s*"([^"]*)"""").find(json)?.groupValues?.get(1) ?: error("no \"$name\" in $json")
}
