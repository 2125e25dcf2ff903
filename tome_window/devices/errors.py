"""Card errors: one type, a code per situation, Japanese for the screen, English for logs.

The counter must keep going whatever the card does, so every failure of the card stack
ends up as a :class:`CardError` carrying what each audience needs: the resident and staff a
plain Japanese sentence (with what to do next), the log an English line without personal
data, the command line a stable code and exit status, and the PIN pad the tries left.
"""

from __future__ import annotations

from dataclasses import dataclass

from tome_window.domain.errors import TomeError

PIN_RESET_HELP = (
    "暗証番号の再設定は、本庁舎または各総合支所の市民課窓口で受け付けます。"
    "本人確認書類をお持ちください。"
)
MANUAL_HINT = "もう一度お試しいただくか、職員が手入力で進めます。"


@dataclass(frozen=True)
class _Kind:
    exit_code: int
    message_ja: str
    message_en: str


KINDS: dict[str, _Kind] = {
    "wrong_pin": _Kind(
        2, "暗証番号が違います。残り{tries}回です。", "wrong PIN, {tries} tries left"
    ),
    "invalid_pin": _Kind(
        2, "暗証番号は数字4桁で入力してください。", "PIN must be 4 digits (no VERIFY was sent)"
    ),
    "last_try_refused": _Kind(
        3,
        "暗証番号の残り回数が1回です。間違えるとロックされます。職員の確認後に読み取ります。",
        "one PIN try left: VERIFY refused until staff confirm",
    ),
    "pin_blocked": _Kind(
        4, "暗証番号がロックされています。" + PIN_RESET_HELP, "PIN is blocked on this card"
    ),
    "pcsc_unavailable": _Kind(
        5,
        "カードリーダーの管理サービス(PC/SC)が動いていません。職員にお知らせください。",
        "PC/SC service (pcscd) is not running",
    ),
    "no_reader": _Kind(
        5, "カードリーダーが接続されていません。接続を確認してください。", "no card reader"
    ),
    "no_card": _Kind(
        5, "カードが置かれていません。カードをリーダーに置いてください。", "no card on the reader"
    ),
    "card_removed": _Kind(
        5,
        "読み取り中にカードが離れました。カードを置き直して、もう一度お試しください。",
        "card removed during the read",
    ),
    "card_io": _Kind(
        5, "カードと通信できませんでした。" + MANUAL_HINT, "card communication failed"
    ),
    "not_my_number_card": _Kind(
        6,
        "マイナンバーカードではないようです。カードを確認してください。" + MANUAL_HINT,
        "not a My Number Card (SELECT of the 券面事項入力補助AP failed)",
    ),
    "malformed_data": _Kind(
        6,
        "カードの情報を正しく読み取れませんでした。" + MANUAL_HINT,
        "card data is malformed or truncated",
    ),
    "my_number_invalid": _Kind(
        6,
        "個人番号の検査用数字が一致しません。" + MANUAL_HINT,
        "individual number fails its check digit",
    ),
}


class CardError(TomeError):
    """A card failure. ``code`` picks the message and exit status from :data:`KINDS`."""

    def __init__(self, code: str, detail_en: str = "", tries_left: int | None = None) -> None:
        kind = KINDS[code]
        tries = "?" if tries_left is None else str(tries_left)
        message_ja = kind.message_ja.format(tries=tries)
        message_en = kind.message_en.format(tries=tries)
        if detail_en:
            message_en = f"{message_en} ({detail_en})"
        super().__init__(message_ja, message_en)
        self.code = code
        self.exit_code = kind.exit_code
        self.tries_left = tries_left

    def to_json(self) -> dict[str, object]:
        return {"error": self.code, "message": self.message_ja, "tries_left": self.tries_left}

    @property
    def retryable(self) -> bool:
        """Whether a second attempt with the card can help (else: manual entry)."""
        return self.code not in ("pin_blocked", "not_my_number_card", "pcsc_unavailable")
