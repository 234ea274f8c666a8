// The sample app over the wxlogin Android library. The library is not copied: it is
// the module in ../bindings/kotlin, included as a composite build (the same library
// a release would publish as com.wxlogin:wxlogin-android), so the app always builds
// against the sources in this repository. Run scripts/build-android.sh once first: it
// puts the Rust core for each ABI into that module's src/main/jniLibs.
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}

dependencyResolutionManagement {
    repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)
    repositories {
        google()
        mavenCentral()
    }
}

rootProject.name = "wxlogin-sample"

// `:wxlogin`: the library module. Its root project is com.wxlogin:wxlogin-android, so
// app/build.gradle.kts depends on those coordinates and Gradle builds them from source.
includeBuild("../bindings/kotlin") {
    name = "wxlogin"
    dependencySubstitution {
        substitute(module("com.wxlogin:wxlogin-android")).using(project(":"))
    }
}

include(":app")
