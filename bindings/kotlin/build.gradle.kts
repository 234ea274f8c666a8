// The Android library (AAR): the UniFFI-generated Kotlin (src/generated/kotlin,
// never edited by hand), the hand-written glue (src/main/kotlin, package
// com.wxlogin.android) and the Rust core for three ABIs (src/main/jniLibs,
// written by scripts/build-android.sh with cargo-ndk).
import org.jetbrains.kotlin.gradle.dsl.JvmTarget

plugins {
    id("com.android.library") version "8.7.3"
    id("org.jetbrains.kotlin.android") version "2.2.20"
    `maven-publish`
}

group = "com.wxlogin"
version = "0.1.0" // the core's version (core/Cargo.toml)

android {
    namespace = "com.wxlogin.android"
    compileSdk = 35

    defaultConfig {
        minSdk = 21
        consumerProguardFiles("consumer-rules.pro")
    }

    sourceSets["main"].apply {
        java.srcDirs("src/main/kotlin", "src/generated/kotlin")
        jniLibs.srcDirs("src/main/jniLibs") // arm64-v8a, armeabi-v7a, x86_64
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }

    buildTypes {
        release {
            isMinifyEnabled = false // an AAR is shrunk by the app, with consumer-rules.pro
        }
    }

    // The JVM tests need the host build of the core and, for src/test, the simulator
    // and the reference server: scripts/kotlin-test.sh and scripts/android-check.sh
    // run them without Gradle. Gradle's unit-test task would only fail to load the library.
    testOptions {
        unitTests.all { it.enabled = false }
    }

    publishing {
        singleVariant("release") {
            withSourcesJar()
        }
    }
}

kotlin {
    compilerOptions {
        jvmTarget.set(JvmTarget.JVM_17)
    }
}

dependencies {
    // @aar: the Android packaging of JNA, with libjnidispatch.so for each ABI.
    api("net.java.dev.jna:jna:5.19.1@aar")
    api("org.jetbrains.kotlinx:kotlinx-coroutines-android:1.11.0")
    // In the glue's public API (IWXAPI, BaseResp): the app gets it too.
    api("com.tencent.mm.opensdk:wechat-sdk-android:6.8.34")
}

publishing {
    publications {
        register<MavenPublication>("release") {
            artifactId = "wxlogin-android"
            afterEvaluate { from(components["release"]) }
        }
    }
}
