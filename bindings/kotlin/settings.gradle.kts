// A standalone build of the Android library: `gradle assembleRelease` here, or
// scripts/build-android.sh from the repository root. An app can use it as a
// composite build: includeBuild("path/to/bindings/kotlin").
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

rootProject.name = "wxlogin-android"
