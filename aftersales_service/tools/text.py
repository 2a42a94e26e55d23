# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Text as a check reads it: what a reader sees, whatever the bytes.

:func:`normalize_text` is what the forbidden-phrase check (服务禁语) compares:
NFKC (full-width letters and compatibility forms folded), case folded,
invisible characters removed (zero-width spaces and joiners, soft hyphens,
BOMs, bidi marks and other format characters, combining marks, control
characters), spaces, punctuation and symbols dropped, and traditional
Chinese characters folded to simplified ones, so 「不關我的事」,
「不\u200b关我的事」 and 「不\u00ad关我的事」 all read 「不关我的事」.

The folding table is small on purpose: the traditional forms of the
characters of the seeded phrases and of the words of after-sales service
that phrases are made of. A phrase using a character missing from it is
still found in simplified text; add the pair here to catch its traditional
spelling too.
"""

import unicodedata

# traditional -> simplified, as pairs (traditional first)
_TRAD_SIMP_PAIRS = (
    "與与業业個个麼么麽么們们會会妳你關关関关決决剛刚別别彆别辦办務务嗎吗"
    "聽听聴听聲声對对導导幹干乾干歸归態态纔才掛挂無无機机來来樣样沒没"
    "點点現现電电著着見见講讲訴诉話话說说説说誰谁責责邊边過过還还這这"
    "釋释問问項项領领為为爲为後后裏里裡里發发髮发給给讓让時时間间門门"
    "開开頭头氣气東东車车長长買买賣卖錢钱貨货換换處处協协議议題题請请"
    "謝谢語语經经該该實实認认識识種种應应覺觉學学幫帮難难錯错總总從从"
    "兩两幾几單单號号碼码記记憶忆歲岁寫写嘍喽麗丽萬万們们務务勞劳師师"
    "傳传係系繫系於于臺台檯台颱台網网線线號号續续總总負负維维修修質质"
    "員员壞坏損损賠赔償偿禮礼讚赞誤误麼么喚唤聯联絡络況况註注準准嚇吓"
    "廠厂產产品品屬属嗎吗囉啰啊啊喲哟煩烦亂乱搞搞懶懒蠢蠢笨笨瘋疯"
)
TRAD_TO_SIMP = {
    ord(_TRAD_SIMP_PAIRS[i]): _TRAD_SIMP_PAIRS[i + 1]
    for i in range(0, len(_TRAD_SIMP_PAIRS) - 1, 2)
    if _TRAD_SIMP_PAIRS[i] != _TRAD_SIMP_PAIRS[i + 1]
}

# categories that print nothing a reader would notice, or only punctuation
_DROPPED_CATEGORIES = {"Cf", "Cc", "Cs", "Co", "Cn", "Mn", "Me", "Zs", "Zl", "Zp"}


def normalize_text(text):
    """``text`` folded for comparison (see the module's docstring)."""
    text = unicodedata.normalize("NFKC", text or "")
    text = text.casefold().translate(TRAD_TO_SIMP)
    return "".join(
        ch
        for ch in text
        if not ch.isspace()
        and unicodedata.category(ch) not in _DROPPED_CATEGORIES
        and unicodedata.category(ch)[0] not in ("P", "S")
    )
