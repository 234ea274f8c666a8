package com.wxlogin.core

/**
 * [s] with every lone UTF-16 surrogate replaced by U+FFFD, so that it can be encoded as
 * UTF-8. A Java/Kotlin String may hold one (a truncated emoji, a buggy SDK, a forged
 * intent); UniFFI's generated converter would refuse it with an untyped
 * `MalformedInputException`. `uniffi.toml` lowers every string the platform hands the
 * core (`InputText`) through this function, and the core answers the replaced text with a
 * typed outcome or error like any other text it cannot use.
 */
internal fun wellFormedUtf16(s: String): String {
    if (s.none { it.isSurrogate() }) return s
    val out = StringBuilder(s.length)
    var i = 0
    while (i < s.length) {
        val c = s[i]
        if (c.isHighSurrogate() && i + 1 < s.length && s[i + 1].isLowSurrogate()) {
            out.append(c).append(s[i + 1])
            i += 2
        } else {
            out.append(if (c.isSurrogate()) '\uFFFD' else c)
            i += 1
        }
    }
    return out.toString()
}
