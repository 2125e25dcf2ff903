"""Why a print did not happen, in words staff can act on at the counter.

Every failure of the spooler, the printer or the print command becomes one PrintError with a
short code (for tests, the CLI and the audit trail), a Japanese message for the screen and an
English one for the log. The visit is never touched by a failed print, so every message can
promise that printing again is possible.
"""

from __future__ import annotations

from tome_window.domain.errors import TomeError

_AGAIN = "受付は開いたままです。直してからもう一度「印刷」を押してください。"

# code -> (Japanese for staff, English for logs); "{printer}" is filled in.
MESSAGES: dict[str, tuple[str, str]] = {
    "no_printer": ("プリンターが設定されていません。設定の printer にプリンター名を入れるか、"
                   "「プリンターを選んで印刷」を使ってください。",
                   "no printer configured and the spooler has no default destination"),
    "missing": ("プリンター「{printer}」が見つかりません。名前が正しいか、"
                "プリンターが登録されているかを IT 担当に確認してください。",
                "no such print destination: {printer}"),
    "off": ("プリンター「{printer}」が停止しています(電源・ケーブル・一時停止を確認してください)。",
            "printer {printer} is stopped or offline"),
    "rejecting": ("プリンター「{printer}」が印刷を受け付けていません(受付停止中)。"
                  "IT 担当に受付の再開を依頼してください。",
                  "printer {printer} is rejecting jobs"),
    "no_paper": ("プリンター「{printer}」の用紙がありません。用紙を補充してください。",
                 "printer {printer} is out of paper (media-empty/media-needed)"),
    "jam": ("プリンター「{printer}」で紙が詰まっています。詰まった用紙を取り除いてください。",
            "printer {printer} reports a paper jam"),
    "cover_open": ("プリンター「{printer}」のカバーが開いています。閉じてください。",
                   "printer {printer} reports an open door or cover"),
    "no_toner": ("プリンター「{printer}」のトナー(インク)がありません。交換してください。",
                 "printer {printer} reports an empty marker supply"),
    "spooler_down": ("印刷サービス(CUPS)が動いていません。端末を再起動するか IT 担当に連絡してください。",
                     "the CUPS scheduler is not running or not reachable"),
    "no_lp": ("印刷コマンド(lp)がこの端末にありません。IT 担当に CUPS の導入を依頼してください。",
              "the lp/lpstat commands are not installed"),
    "no_command": ("設定の印刷コマンドが見つかりません。設定の print_command を確認してください。",
                   "the configured print_command cannot be run"),
    "command_failed": ("印刷コマンドが失敗しました。プリンターの状態を確認してください。",
                       "the print command failed"),
    "timeout": ("印刷サービスが応答しません。プリンターの状態を確認してください。",
                "the spooler did not answer in time"),
    "no_file": ("印刷する申請書のファイルがありません。申請書PDFを作り直してください。",
                "a file to print is missing or unreadable"),
    "failed": ("印刷できませんでした。プリンターの状態を確認してください。",
               "the spooler refused the job"),
}


class PrintError(TomeError):
    """A print that did not reach the spooler or a printer that cannot print now."""

    def __init__(self, code: str, printer: str = "", detail: str = "") -> None:
        ja, en = MESSAGES.get(code, MESSAGES["failed"])
        ja = ja.format(printer=printer)
        if code != "no_file":
            ja += _AGAIN
        en = en.format(printer=printer) + (f" ({detail})" if detail else "")
        super().__init__(ja, en)
        self.code = code
        self.printer = printer
        self.detail = detail
