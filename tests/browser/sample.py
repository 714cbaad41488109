"""A report Document built by hand for the HTML renderer's tests: Thai text, a name that is markup,
a wide GPC-like table, and one chart of each kind (bar, stacked bar, line with a gap and a marked
base year, pie). The numbers are made up and add up by hand (written out below), so a test can
look for totals it did not take from the renderer."""

from __future__ import annotations

from ghgcalc.reports.document import Chart, Column, Document, Fact, Row, Section, Series, Table, table

HOSTILE = "<script>alert(1)</script>"
LEAK = '"><img src="http://127.0.0.1:9/leak.png">'  # would fetch if it were not escaped
PROVINCE = "จังหวัดตัวอย่าง"

# Scope totals, tCO2e: scope 1 = 400,000.25 + 350,000 + 150,000 + 20,000 + 80,000 = 1,000,000.25;
# scope 2 = 600,000.50; scope 3 = 50,000 + 100,000 + 100,000.75 = 250,000.75;
# all three = 1,000,000.25 + 600,000.50 + 250,000.75 = 1,850,001.50
SCOPE_1, SCOPE_2, SCOPE_3 = 1_000_000.25, 600_000.50, 250_000.75
TOTAL = 1_850_001.50
TOTAL_TEXT = "1,850,001.50"

SECTORS = (
    # name, scope 1, scope 2, scope 3
    ("พลังงานที่ใช้ในอาคารและโรงงาน (Stationary energy)", 400_000.25, 600_000.50, 50_000.0),
    ("การขนส่ง (Transportation)", 350_000.0, 0.0, 100_000.0),
    ("ของเสีย (Waste)", 150_000.0, None, 100_000.75),
    ("กระบวนการทางอุตสาหกรรมและการใช้ผลิตภัณฑ์ (IPPU)", 20_000.0, None, None),
    ("เกษตรกรรม ป่าไม้ และการใช้ประโยชน์ที่ดินอื่น ๆ (AFOLU) " + HOSTILE, 80_000.0, None, None),
)


def _sum(values: tuple[float | None, ...]) -> float:
    return sum(v for v in values if v is not None)


def gpc_table() -> Table:
    columns = (
        Column("ภาคส่วน / Sub-sector"),
        Column("GPC", "code"),
        Column("ประเภทที่ 1 (tCO2e)", "tonnes"),
        Column("ประเภทที่ 2 (tCO2e)", "tonnes"),
        Column("ประเภทที่ 3 (tCO2e)", "tonnes"),
        Column("รวม (tCO2e)", "tonnes"),
        Column("สัดส่วน", "share", note="ของทั้งจังหวัด"),
        Column("รหัสระบุ (notation key)", "code"),
    )
    rows = []
    for code, (name, s1, s2, s3) in zip(("I", "II", "III", "IV", "V"), SECTORS, strict=True):
        total = _sum((s1, s2, s3))
        share = total / TOTAL
        rows.append(Row((name, code, s1, s2, s3, total, share, None), "subtotal"))
        key = "NO" if s2 is None else None
        rows.append(Row((f"ส่วนย่อยของ {code}", f"{code}.1", s1, s2, s3, total, share, key), level=1))
    rows.append(Row(("รวมทั้งหมด (BASIC+)", "", SCOPE_1, SCOPE_2, SCOPE_3, TOTAL, 1.0, None), "total"))
    return table("ตารางการรายงานตาม GPC", columns, rows, notes=("NO = ไม่เกิดขึ้น (not occurring)",), key="gpc")


def document() -> Document:
    scope_table = table(
        "การปล่อยแยกตามประเภท",
        (Column("ประเภท"), Column("tCO2e", "tonnes"), Column("สัดส่วน", "share")),
        (
            ("ประเภทที่ 1", SCOPE_1, SCOPE_1 / TOTAL),
            ("ประเภทที่ 2", SCOPE_2, SCOPE_2 / TOTAL),
            ("ประเภทที่ 3", SCOPE_3, SCOPE_3 / TOTAL),
            Row(("รวม", TOTAL, 1.0), "total"),
        ),
        key="by-scope",
    )
    pie = Chart(
        "สัดส่วนการปล่อยแยกตามประเภท",
        "pie",
        ("ประเภทที่ 1", "ประเภทที่ 2", "ประเภทที่ 3"),
        (Series("tCO2e", (SCOPE_1, SCOPE_2, SCOPE_3)),),
        alt="ประเภทที่ 1 ปล่อยมากที่สุด 1,000,000.25 tCO2e (54.1 %) จากทั้งหมด 1,850,001.50 tCO2e",
        key="pie-scope",
    )
    stacked = Chart(
        "การปล่อยแยกตามภาคส่วนและประเภท",
        "stacked-bar",
        tuple(s[0] for s in SECTORS),
        (
            Series("ประเภทที่ 1", tuple(s[1] for s in SECTORS)),
            Series("ประเภทที่ 2", tuple(s[2] for s in SECTORS)),
            Series("ประเภทที่ 3", tuple(s[3] for s in SECTORS)),
        ),
        alt="พลังงานที่ใช้ในอาคารและโรงงานปล่อยมากที่สุด 1,050,000.75 tCO2e",
        key="stacked-sector",
    )
    years = ("2560", "2561", "2562", "2563", "2564", "2565", "2566", "2567")
    trend = Chart(
        "แนวโน้มการปล่อยรายปี",
        "line",
        years,
        (
            Series("รวม", (1_700_000.0, 1_720_000.0, 1_760_000.0, None, 1_790_000.0, 1_810_000.0, 1_830_000.0, TOTAL)),
            Series(
                "พลังงาน", (1_000_000.0, 1_010_000.0, None, None, 1_030_000.0, 1_040_000.0, 1_045_000.0, 1_050_000.75)
            ),
        ),
        alt="การปล่อยรวมเพิ่มจาก 1,720,000 tCO2e ในปีฐาน 2561 เป็น 1,850,001.50 tCO2e ในปี 2567 (ไม่มีข้อมูลปี 2563)",
        marked=("2561",),
        key="trend",
    )
    costs = Chart(
        "ต้นทุนต่อตันของมาตรการ",
        "bar",
        ("เปลี่ยนหลอดไฟถนนเป็น LED", "ติดตั้งแผงโซลาร์เซลล์บนหลังคาอาคารสำนักงาน", "คัดแยกขยะอินทรีย์ " + HOSTILE),
        (Series("บาท/tCO2e", (-1_250.5, 850.0, 120.25)),),
        alt="การเปลี่ยนหลอดไฟถนนเป็น LED ประหยัดเงิน 1,250.50 บาทต่อตัน",
        y_title="บาท/tCO2e",
        key="costs",
    )
    grouped = Chart(
        "Reductions by measure, 2570 and 2575",
        "bar",
        ("LED street lights", "Rooftop solar"),
        (Series("2570", (1_200.0, 3_400.0)), Series("2575", (1_500.0, 6_800.0))),
        alt="Rooftop solar reduces the most: 6,800 tCO2e in 2575.",
        key="grouped",
    )
    trend_table = table(
        "การปล่อยรายปี",
        (Column("ปี", "year"), Column("รวม (tCO2e)", "tonnes"), Column("เปลี่ยนแปลงจากปีฐาน", "percent")),
        (
            ("2561", 1_720_000.0, 0.0),
            ("2563", None, None),
            ("2567", TOTAL, 7.56),
        ),
        key="trend-table",
    )
    return Document(
        title=f"รายงานก๊าซเรือนกระจก {PROVINCE} {HOSTILE}",
        language="th",
        subtitle="ปีงบประมาณ 2567 (1 ต.ค. 2566 – 30 ก.ย. 2567)",
        facts=(
            Fact("ผู้จัดทำ", "คณะทำงาน " + HOSTILE),
            Fact("ค่าการปล่อยก๊าซเรือนกระจก", "tgo-cfo 2022-04 " + LEAK),
            Fact("GWP", "AR5"),
        ),
        sections=(
            Section(
                "สรุปผล",
                facts=(Fact("การปล่อยรวม", f"{TOTAL_TEXT} tCO2e"),),
                paragraphs=("ค่าทั้งหมดคำนวณจากข้อมูลกิจกรรมของจังหวัด\nบรรทัดที่สอง " + HOSTILE,),
                tables=(scope_table,),
                charts=(pie,),
                key="summary",
            ),
            Section("ตาราง GPC", tables=(gpc_table(),), charts=(stacked,), key="gpc"),
            Section("แนวโน้ม", tables=(trend_table,), charts=(trend,), key="trend"),
            Section("แผนลดก๊าซ", charts=(costs, grouped), key="plan"),
        ),
        footer="ghgcalc 0.0 " + HOSTILE,
        source_notes=("tgo-cfo@2022-04 sha256:0123abcd", "ipcc-2006 " + LEAK),
    )
