"""Thailand's 77 provinces (76 จังหวัด and Bangkok) in Thai and in English, so that a summary
knows `เชียงใหม่` and `Chiang Mai` for one province (core/summary.py, `province_spellings`).

English names: the National Statistical Office's regional lists, Statistical Yearbook Thailand
2552 (2009), p. 18 (https://nso.go.th/public/e-book/Statistical-Yearbook/SYB-2552/files/assets/
basic-html/page18.html), with Bueng Kan (บึงกาฬ), made a province on 23 March 2554 (2011) from
districts of Nong Khai. The other names are ones in common use (Korat, Ayutthaya, Chonburi written
as one word is already the same name: spaces, hyphens and dots are not compared)."""

from __future__ import annotations

import functools
import re

# Thai name -> the English name, then other names in use (Thai or English)
PROVINCES: dict[str, tuple[str, ...]] = {
    "กรุงเทพมหานคร": ("Bangkok", "Krung Thep Maha Nakhon", "Krung Thep", "กรุงเทพฯ", "กรุงเทพ", "กทม."),
    "กระบี่": ("Krabi",),
    "กาญจนบุรี": ("Kanchanaburi",),
    "กาฬสินธุ์": ("Kalasin",),
    "กำแพงเพชร": ("Kamphaeng Phet",),
    "ขอนแก่น": ("Khon Kaen",),
    "จันทบุรี": ("Chanthaburi",),
    "ฉะเชิงเทรา": ("Chachoengsao",),
    "ชลบุรี": ("Chon Buri",),
    "ชัยนาท": ("Chai Nat",),
    "ชัยภูมิ": ("Chaiyaphum",),
    "ชุมพร": ("Chumphon",),
    "เชียงราย": ("Chiang Rai",),
    "เชียงใหม่": ("Chiang Mai",),
    "ตรัง": ("Trang",),
    "ตราด": ("Trat",),
    "ตาก": ("Tak",),
    "นครนายก": ("Nakhon Nayok",),
    "นครปฐม": ("Nakhon Pathom",),
    "นครพนม": ("Nakhon Phanom",),
    "นครราชสีมา": ("Nakhon Ratchasima", "Korat", "Khorat", "โคราช"),
    "นครศรีธรรมราช": ("Nakhon Si Thammarat", "Nakhon Sri Thammarat"),
    "นครสวรรค์": ("Nakhon Sawan",),
    "นนทบุรี": ("Nonthaburi",),
    "นราธิวาส": ("Narathiwat",),
    "น่าน": ("Nan",),
    "บึงกาฬ": ("Bueng Kan",),
    "บุรีรัมย์": ("Buri Ram",),
    "ปทุมธานี": ("Pathum Thani",),
    "ประจวบคีรีขันธ์": ("Prachuap Khiri Khan",),
    "ปราจีนบุรี": ("Prachin Buri",),
    "ปัตตานี": ("Pattani",),
    "พระนครศรีอยุธยา": ("Phra Nakhon Si Ayutthaya", "Ayutthaya", "อยุธยา"),
    "พะเยา": ("Phayao",),
    "พังงา": ("Phang Nga",),
    "พัทลุง": ("Phatthalung", "Phattalung", "Patthalung"),
    "พิจิตร": ("Phichit",),
    "พิษณุโลก": ("Phitsanulok",),
    "เพชรบุรี": ("Phetchaburi",),
    "เพชรบูรณ์": ("Phetchabun",),
    "แพร่": ("Phrae",),
    "ภูเก็ต": ("Phuket",),
    "มหาสารคาม": ("Maha Sarakham",),
    "มุกดาหาร": ("Mukdahan",),
    "แม่ฮ่องสอน": ("Mae Hong Son",),
    "ยโสธร": ("Yasothon",),
    "ยะลา": ("Yala",),
    "ร้อยเอ็ด": ("Roi Et",),
    "ระนอง": ("Ranong",),
    "ระยอง": ("Rayong",),
    "ราชบุรี": ("Ratchaburi",),
    "ลพบุรี": ("Lop Buri",),
    "ลำปาง": ("Lampang",),
    "ลำพูน": ("Lamphun",),
    "เลย": ("Loei",),
    "ศรีสะเกษ": ("Si Sa Ket", "Sri Saket"),
    "สกลนคร": ("Sakon Nakhon",),
    "สงขลา": ("Songkhla", "Songkla"),  # Songkla: Prince of Songkla University's own spelling
    "สตูล": ("Satun",),
    "สมุทรปราการ": ("Samut Prakan",),
    "สมุทรสงคราม": ("Samut Songkhram",),
    "สมุทรสาคร": ("Samut Sakhon",),
    "สระแก้ว": ("Sa Kaeo", "Sa Kaew"),
    "สระบุรี": ("Saraburi",),
    "สิงห์บุรี": ("Sing Buri",),
    "สุโขทัย": ("Sukhothai",),
    "สุพรรณบุรี": ("Suphan Buri",),
    "สุราษฎร์ธานี": ("Surat Thani",),
    "สุรินทร์": ("Surin",),
    "หนองคาย": ("Nong Khai",),
    "หนองบัวลำภู": ("Nong Bua Lam Phu",),
    "อ่างทอง": ("Ang Thong",),
    "อำนาจเจริญ": ("Amnat Charoen",),
    "อุดรธานี": ("Udon Thani",),
    "อุตรดิตถ์": ("Uttaradit",),
    "อุทัยธานี": ("Uthai Thani",),
    "อุบลราชธานี": ("Ubon Ratchathani", "Ubon", "อุบล"),
}

_NOT_COMPARED = re.compile(r"[\s\-.'’]+")


def compact(name: str) -> str:
    """A name as compared: without spaces, hyphens, dots and apostrophes, in one letter case
    (`Chon Buri`, `Chonburi` and `chon-buri` are one)."""
    return _NOT_COMPARED.sub("", name).casefold()


# every compared name -> the province's Thai name
_BY_NAME = {compact(name): thai for thai, names in PROVINCES.items() for name in (thai, *names)}


def province_of(name: str) -> str | None:
    """The Thai name of the province `name` writes (without จังหวัด or province), else None. A Thai
    name cut short with ฯ (ไปยาลน้อย: `อุบลฯ`, `สุราษฎร์ฯ`, `นครศรีฯ`) is the one province whose name
    starts so."""
    found = _BY_NAME.get(compact(name))
    if found is None and name.strip().endswith("ฯ"):
        start = compact(name.strip()[:-1])
        starting = [thai for thai in PROVINCES if start and compact(thai).startswith(start)]
        found = starting[0] if len(starting) == 1 else None
    return found


# What a province's name may carry besides the name: Thai "province" (จังหวัด, จ.), English "province"
PROVINCE_WORDS = re.compile(r"^\s*(?:จังหวัด|จ\s*\.)\s*|\bprovince(?:\s+of)?\b", re.IGNORECASE)


@functools.lru_cache(maxsize=512)  # a batch's files name a few provinces, thousands of times
def province_key(written: str) -> str:
    """A province as compared, however it is written (`เชียงใหม่`, `จ.เชียงใหม่`, `Chiang Mai province`
    are one): its Thai name when it is one of the 77, else the name without จังหวัด or province, in
    one letter case and spacing."""
    name = PROVINCE_WORDS.sub(" ", written)
    return province_of(name) or " ".join(name.split()).casefold()
