package com.wxlogin.sample

import android.content.Context
import com.wxlogin.core.SecureStore
import com.wxlogin.core.WxLoginException

/**
 * The core's [SecureStore] over a private SharedPreferences file.
 *
 * NOT FOR PRODUCTION. The values (the session token, the pending WeChat request) are
 * stored in plain text in the app's private directory: readable on a rooted device and in
 * some backups (allowBackup is off in the manifest for that reason). A real app encrypts
 * them with a key in the Android Keystore: `EncryptedSharedPreferences`
 * (androidx.security:security-crypto) or AES-GCM with a `KeyGenParameterSpec` key (API 23+).
 * The sample keeps to android.* APIs so that it compiles here without Google Maven.
 *
 * The core calls the store synchronously and needs each write durable when `set` returns
 * (the process may be killed while the user is in WeChat): `commit()`, not `apply()`.
 */
class SharedPreferencesStore(context: Context) : SecureStore {
    private val prefs = context.getSharedPreferences(FILE, Context.MODE_PRIVATE)

    override fun get(key: String): String? = prefs.getString(key, null)

    override fun set(key: String, value: String) {
        if (!prefs.edit().putString(key, value).commit()) {
            throw WxLoginException.Storage("could not write $key to SharedPreferences")
        }
    }

    override fun delete(key: String) {
        if (!prefs.edit().remove(key).commit()) {
            throw WxLoginException.Storage("could not remove $key from SharedPreferences")
        }
    }

    private companion object {
        const val FILE = "wxlogin_store_UNENCRYPTED"
    }
}
