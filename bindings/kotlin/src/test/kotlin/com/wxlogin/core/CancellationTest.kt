package com.wxlogin.core

import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test
import java.io.InputStream
import java.net.InetAddress
import java.net.ServerSocket

/**
 * Cancelling a coroutine that awaits a core call: it returns at once, and what the call
 * held is let go (UniFFI frees the Rust future on cancellation; dropping it drops the
 * request and its connection).
 */
class CancellationTest {
    @Test
    fun aCancelledServerCallReturnsAndClosesItsConnection() = runBlocking {
        // A server that accepts the connection, reads the request and never answers.
        ServerSocket(0, 50, InetAddress.getLoopbackAddress()).use { silent ->
            silent.soTimeout = 10_000
            val config = WxLoginConfig(
                APP_ID,
                Platform.ANDROID,
                serverUrl = "http://127.0.0.1:${silent.localPort}",
                requestTimeoutMs = 60_000L,
            )
            WxLogin(config, KotlinStore()).use { core ->
                val call = launch(Dispatchers.Default) { core.loginWithCode("code") }
                withContext(Dispatchers.IO) { silent.accept() }.use { peer ->
                    peer.soTimeout = 10_000
                    val request = withContext(Dispatchers.IO) { readHead(peer.getInputStream()) }
                    assertTrue(request, request.startsWith("POST "))
                    // Well inside the 60 s request timeout: only the cancellation can end it.
                    withTimeout(5_000) { call.cancelAndJoin() }
                    assertTrue(call.isCancelled)
                    // EOF (-1), not a read timeout: the core closed the connection.
                    assertEquals(-1, withContext(Dispatchers.IO) { drain(peer.getInputStream()) })
                }
            }
        }
    }

    @Test
    fun aCancelledAwaitOutcomeLeavesTheRequestPendingForTheNextOne() = runBlocking {
        val core = newCore()
        val state = core.begin()
        val waiting = launch(Dispatchers.Default) { core.awaitOutcome() }
        delay(50)
        withTimeout(5_000) { waiting.cancelAndJoin() }
        assertTrue(core.isAuthPending())
        val next = async(Dispatchers.Default) { core.awaitOutcome() }
        delay(50)
        core.onAuthResp(0, "the-code", state)
        assertEquals(AuthOutcome.Authorized("the-code"), withTimeout(5_000) { next.await() })
    }

    /** The request line and headers (up to the blank line). */
    private fun readHead(input: InputStream): String {
        val head = StringBuilder()
        while (!head.endsWith("\r\n\r\n")) {
            val b = input.read()
            if (b < 0) break
            head.append(b.toChar())
        }
        return head.toString()
    }

    /** Reads until EOF and returns -1; a read timeout throws instead. */
    private fun drain(input: InputStream): Int {
        val buf = ByteArray(4096)
        while (input.read(buf) >= 0) Unit
        return -1
    }
}
