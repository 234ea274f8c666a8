// The sample app. Plain Activities with views built in code: no AndroidX, no layouts,
// no R class, so scripts/android-check.sh can compile every source file here against
// android.jar (API 16 stubs), the real WeChat OpenSDK and the library without an
// Android SDK.
import org.jetbrains.kotlin.gradle.dsl.JvmTarget

plugins {
    id("com.android.application")
    id("org.jetbrains.kotlin.android")
}

// gradle.properties (or -Pwxlogin.appId=... / ~/.gradle/gradle.properties).
val wechatAppId = providers.gradleProperty("wxlogin.appId").get()
val serverUrl = providers.gradleProperty("wxlogin.serverUrl").get()

fun quoted(value: String) = "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\""

android {
    namespace = "com.wxlogin.sample"
    compileSdk = 35

    defaultConfig {
        // Registered on the WeChat Open Platform together with the signing certificate's
        // MD5. WXEntryActivity must be <applicationId>.wxapi.WXEntryActivity: keep the
        // class in com.wxlogin.sample.wxapi when you change this, or add an activity-alias.
        applicationId = "com.wxlogin.sample"
        minSdk = 21
        targetSdk = 35
        versionCode = 1
        versionName = "0.1.0"

        buildConfigField("String", "WECHAT_APP_ID", quoted(wechatAppId))
        buildConfigField("String", "WXLOGIN_SERVER_URL", quoted(serverUrl))

        // The core is built for these three; JNA's AAR also carries x86, armeabi and mips.
        ndk { abiFilters += listOf("arm64-v8a", "armeabi-v7a", "x86_64") }
    }

    buildFeatures {
        buildConfig = true
    }

    sourceSets["main"].java.srcDirs("src/main/kotlin")

    buildTypes {
        release {
            // R8 with the library's consumer rules (JNA, com.wxlogin.core) and the SDK's.
            isMinifyEnabled = true
            proguardFiles(getDefaultProguardFile("proguard-android-optimize.txt"))
            // Only so that a release build installs for a try: a real app signs with its
            // release key, and registers that key's MD5 on the open platform.
            signingConfig = signingConfigs.getByName("debug")
        }
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
}

kotlin {
    compilerOptions {
        // scripts/android-check.sh compiles these sources with warnings as errors against
        // API 16 stubs; here, against API 35, deprecations it cannot see stay warnings.
        jvmTarget.set(JvmTarget.JVM_17)
    }
}

dependencies {
    // Built from ../bindings/kotlin (settings.gradle.kts). It brings JNA, the WeChat
    // OpenSDK (com.tencent.mm.opensdk:wechat-sdk-android) and kotlinx-coroutines-android.
    implementation("com.wxlogin:wxlogin-android:0.1.0")
}
