// The versions match ../bindings/kotlin/build.gradle.kts (AGP 8.7.3, Kotlin 2.2.20):
// the app and the included library build load the same plugins.
plugins {
    id("com.android.application") version "8.7.3" apply false
    id("org.jetbrains.kotlin.android") version "2.2.20" apply false
}
