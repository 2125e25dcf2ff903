"""The languages a resident can read the counter in, each named in its own script.

Japanese stays the language of the official forms; the others are for what the resident
reads on the tablet and on the printed reading aid. Codes are BCP 47 where one exists
(`ja-easy` is the project's code for やさしい日本語); `argos` is the code the offline
translation models use, None where no model for free text is expected.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str
    native_name: str
    english_name: str
    argos: str | None
    qt_locale: str


LANGUAGES: tuple[Language, ...] = (
    Language("ja", "日本語", "Japanese", "ja", "ja_JP"),
    Language("ja-easy", "やさしい にほんご", "Easy Japanese", None, "ja_JP"),
    Language("en", "English", "English", "en", "en_US"),
    Language("zh-Hans", "简体中文", "Chinese (Simplified)", "zh", "zh_CN"),
    Language("ko", "한국어", "Korean", "ko", "ko_KR"),
    Language("vi", "Tiếng Việt", "Vietnamese", "vi", "vi_VN"),
    Language("pt-BR", "Português (Brasil)", "Portuguese (Brazil)", "pt", "pt_BR"),
    Language("fil", "Filipino (Tagalog)", "Filipino", "tl", "fil_PH"),
    Language("id", "Bahasa Indonesia", "Indonesian", "id", "id_ID"),
    Language("ne", "नेपाली", "Nepali", "ne", "ne_NP"),
    Language("my", "မြန်မာ", "Burmese", "my", "my_MM"),
)
BY_CODE = {lang.code: lang for lang in LANGUAGES}
SOURCE = "ja"


def language(code: str) -> Language:
    try:
        return BY_CODE[code]
    except KeyError:
        raise KeyError(f"unknown language {code!r}") from None
