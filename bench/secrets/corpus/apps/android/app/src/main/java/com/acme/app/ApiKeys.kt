package com.acme.app

object ApiKeys {
    const val GOOGLE_API_KEY = "AIza1x6hoK1qwU21fxR0XuXL0Rca8fYQ12bRlYZ"
    val sentryAuthToken: String = BuildConfig.SENTRY_AUTH_TOKEN

    const val BASE_URL = "https://api.acme-corp.io/"
}
