package com.wxlogin.sample

import android.Manifest
import android.content.ComponentName
import android.content.pm.ActivityInfo
import android.content.pm.PackageManager
import com.wxlogin.sample.wxapi.WXEntryActivity
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.annotation.Config
import org.xmlpull.v1.XmlPullParser

/**
 * The sample's manifest as the package manager reads it from the packaged app (aapt's
 * binary manifest): what WeChat and Android 11+ package visibility depend on.
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [34], instrumentedPackages = ["com.tencent.mm.opensdk"])
class ManifestTest {
    private val app get() = RuntimeEnvironment.getApplication()

    @Test
    fun theWeChatCallbackActivityIsExportedSingleTaskInTheAppsTask() {
        val entry = app.packageManager.getActivityInfo(ComponentName(app, WXEntryActivity::class.java), 0)
        assertEquals("com.wxlogin.sample.wxapi.WXEntryActivity", entry.name)
        assertTrue("WeChat must be able to start it", entry.exported)
        assertEquals(ActivityInfo.LAUNCH_SINGLE_TASK, entry.launchMode)
        assertEquals("the callback returns to the app's own task", "com.wxlogin.sample", entry.taskAffinity)
        assertEquals(android.R.style.Theme_Translucent_NoTitleBar, entry.themeResource)
    }

    @Test
    fun theAppMayUseTheNetworkAndSeeWeChat() {
        val info = app.packageManager.getPackageInfo(app.packageName, PackageManager.GET_PERMISSIONS)
        assertTrue(Manifest.permission.INTERNET in info.requestedPermissions.orEmpty())
        assertEquals(listOf(WeChatApp.PACKAGE), queriedPackages())
    }

    @Test
    fun onlyTheLauncherAndTheCallbackAreExported() {
        val info = app.packageManager.getPackageInfo(app.packageName, PackageManager.GET_ACTIVITIES)
        val exported = info.activities.orEmpty().filter { it.exported }.map { it.name }.sorted()
        assertEquals(listOf(ConsentActivity::class.java.name, WXEntryActivity::class.java.name), exported)
    }

    /** `<queries><package>` of the packaged manifest (PackageInfo has no field for them). */
    private fun queriedPackages(): List<String> {
        val parser = app.assets.openXmlResourceParser("AndroidManifest.xml")
        val found = mutableListOf<String>()
        var inQueries = false
        while (parser.next() != XmlPullParser.END_DOCUMENT) {
            when {
                parser.eventType == XmlPullParser.START_TAG && parser.name == "queries" -> inQueries = true
                parser.eventType == XmlPullParser.END_TAG && parser.name == "queries" -> inQueries = false
                parser.eventType == XmlPullParser.START_TAG && parser.name == "package" && inQueries ->
                    found += parser.getAttributeValue("http://schemas.android.com/apk/res/android", "name")
            }
        }
        return found
    }
}
