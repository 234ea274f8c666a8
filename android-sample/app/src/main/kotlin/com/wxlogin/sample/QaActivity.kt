package com.wxlogin.sample

import android.app.AlertDialog
import android.content.Context
import android.content.Intent
import android.content.pm.PackageManager
import android.os.Build
import android.os.Bundle
import android.widget.AdapterView
import android.widget.ArrayAdapter
import android.widget.EditText
import android.widget.LinearLayout
import android.widget.ListView
import android.widget.ScrollView
import android.widget.TextView
import com.wxlogin.core.QaArea
import com.wxlogin.core.QaCase
import com.wxlogin.core.qaCases
import java.text.SimpleDateFormat
import java.util.Date
import java.util.Locale

/**
 * The seed's 18 QA cases, straight from the core (`qaCases()`, the same data the automated
 * runner uses). A tester runs them on a phone with the real WeChat, records pass / fail and
 * a note per case (kept in SharedPreferences: some cases kill the app), and shares the
 * report as text.
 */
class QaActivity : SampleActivity() {
    private val cases: List<QaCase> = qaCases()
    private lateinit var results: QaResults
    private lateinit var adapter: ArrayAdapter<String>
    private lateinit var summary: TextView

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        results = QaResults(this)
        val column = vertical()
        summary = column.label("", 14f)
        column.button("Share report") { share() }
        column.button("Reset all") {
            AlertDialog.Builder(this)
                .setMessage("Forget every result and note?")
                .setPositiveButton("Reset") { _, _ ->
                    results.reset()
                    refresh()
                }
                .setNegativeButton("Cancel", null)
                .show()
        }
        status = column.label("", 12f)
        adapter = ArrayAdapter(this, android.R.layout.simple_list_item_1, ArrayList<String>())
        val list = ListView(this)
        list.adapter = adapter
        list.onItemClickListener = AdapterView.OnItemClickListener { _, _, position, _ -> open(cases[position]) }
        column.addView(list, LinearLayout.LayoutParams(LinearLayout.LayoutParams.MATCH_PARENT, 0, 1f))
        setContentView(column)
        refresh()
    }

    private fun refresh() {
        adapter.clear()
        for (case in cases) {
            adapter.add("${case.id}. [${results.verdict(case.id).title}] ${case.titleZh}\n${case.titleEn}")
        }
        adapter.notifyDataSetChanged()
        summary.text = results.summary(cases)
    }

    private fun open(case: QaCase) {
        val body = vertical()
        body.label(case.titleZh, 18f)
        body.label(case.titleEn, 14f)
        body.label("Area: ${areaName(case.area)}", 12f)
        section(body, "Preconditions", case.preconditions)
        section(body, "Steps", case.steps)
        section(body, "Expected", case.expected)
        section(body, "On the device", case.deviceSteps)
        body.label("Automated by wxlogin-qa: ${case.automated}", 12f)
        val note = EditText(this)
        note.hint = "Note (device, WeChat version, what happened)"
        note.setText(results.note(case.id))
        body.addView(note)
        val scroll = ScrollView(this)
        scroll.addView(body)
        fun record(verdict: Verdict) {
            results.record(case.id, verdict, note.text.toString().trim())
            refresh()
        }
        AlertDialog.Builder(this)
            .setTitle("Case ${case.id}")
            .setView(scroll)
            .setPositiveButton("Pass") { _, _ -> record(Verdict.PASS) }
            .setNegativeButton("Fail") { _, _ -> record(Verdict.FAIL) }
            .setNeutralButton("Not run") { _, _ -> record(Verdict.NOT_RUN) }
            .show()
    }

    private fun section(parent: LinearLayout, title: String, items: List<String>) {
        if (items.isEmpty()) return
        parent.label(title, 16f)
        items.forEachIndexed { index, item -> parent.label("${index + 1}. $item", 14f) }
    }

    private fun share() {
        val report = results.report(cases, environment())
        val send = Intent(Intent.ACTION_SEND)
            .setType("text/plain")
            .putExtra(Intent.EXTRA_SUBJECT, "wxlogin QA report")
            .putExtra(Intent.EXTRA_TEXT, report)
        startActivity(Intent.createChooser(send, "Share QA report"))
    }

    // getPackageInfo(String, Int): deprecated from API 33 for an overload that API 21 lacks.
    @Suppress("DEPRECATION")
    private fun environment(): String {
        val wechat = try {
            // Visible on Android 11+ thanks to <queries> com.tencent.mm.
            packageManager.getPackageInfo(WECHAT_PACKAGE, 0).versionName ?: "installed"
        } catch (e: PackageManager.NameNotFoundException) {
            "not installed"
        }
        val date = SimpleDateFormat("yyyy-MM-dd HH:mm", Locale.US).format(Date())
        return "App: ${BuildConfig.APPLICATION_ID} ${BuildConfig.VERSION_NAME} (${BuildConfig.BUILD_TYPE}), " +
            "AppID ${BuildConfig.WECHAT_APP_ID}\n" +
            "Server: ${BuildConfig.WXLOGIN_SERVER_URL}\n" +
            "Device: ${Build.MANUFACTURER} ${Build.MODEL}, Android ${Build.VERSION.RELEASE} (API ${Build.VERSION.SDK_INT})\n" +
            "WeChat: $wechat\n" +
            "Date: $date"
    }

    private fun areaName(area: QaArea): String = when (area) {
        QaArea.BINDING -> "binding"
        QaArea.WECHAT_LOGIN -> "WeChat login"
        QaArea.INSTALL -> "WeChat installed / removed"
        QaArea.NETWORK -> "network"
        QaArea.FAILURE -> "failures"
    }
}

enum class Verdict(val title: String) {
    NOT_RUN("not run"),
    PASS("PASS"),
    FAIL("FAIL"),
}

/** The tester's verdict and note per case id. */
class QaResults(context: Context) {
    private val prefs = context.getSharedPreferences("wxlogin_sample_qa", Context.MODE_PRIVATE)

    fun verdict(id: Int): Verdict =
        Verdict.entries.firstOrNull { it.name == prefs.getString("verdict.$id", null) } ?: Verdict.NOT_RUN

    fun note(id: Int): String = prefs.getString("note.$id", null).orEmpty()

    fun record(id: Int, verdict: Verdict, note: String) {
        prefs.edit().putString("verdict.$id", verdict.name).putString("note.$id", note).commit()
    }

    fun reset() {
        prefs.edit().clear().commit()
    }

    fun summary(cases: List<QaCase>): String {
        val counts = cases.groupingBy { verdict(it.id) }.eachCount()
        return "${cases.size} cases: ${counts[Verdict.PASS] ?: 0} pass, ${counts[Verdict.FAIL] ?: 0} fail, " +
            "${counts[Verdict.NOT_RUN] ?: 0} not run"
    }

    fun report(cases: List<QaCase>, environment: String): String = buildString {
        append("# wxlogin QA report\n\n")
        append(environment).append("\n\n")
        append(summary(cases)).append("\n\n")
        for (case in cases) {
            append("- [").append(verdict(case.id).title).append("] ")
            append(case.id).append(". ").append(case.titleZh).append(" / ").append(case.titleEn)
            val note = note(case.id)
            if (note.isNotEmpty()) append("\n  Note: ").append(note)
            append('\n')
        }
    }
}
