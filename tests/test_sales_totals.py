"""A sales document's totals (gamma.sales.totals.compute): every value worked out by hand
in the comments, to the cent; no database."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest

from gamma.sales.totals import Charge, StampDuty, TaxLine, VatKey, VatRow, compute

D = Decimal
V22 = VatKey("22", D("22.00"))
V10 = VatKey("10", D("10.00"))
V4 = VatKey("4", D("4.00"))
N1 = VatKey("N1", D("0.00"), "N1")
N22 = VatKey("N2.2", D("0.00"), "N2.2")
N35 = VatKey("N3.5", D("0.00"), "N3.5")
N4 = VatKey("N4", D("0.00"), "N4")
NATURES = frozenset({"N1", "N2.1", "N2.2", "N3.5", "N3.6", "N4"})


def line_amount(qty: str, price: str, *steps: str) -> Decimal:
    """qty × price less each discount step in turn, rounded half-up to the cent."""
    value = D(qty) * D(price)
    for step in steps:
        value *= 1 - D(step) / 100
    return value.quantize(D("0.01"), rounding=ROUND_HALF_UP)


def stamp(charged: bool = True) -> StampDuty:
    return StampDuty(amount=D("2.00"), threshold=D("77.47"), natures=NATURES,
                     charged=charged, vat=N1)


def test_mixed_rates_line_discounts_and_a_document_discount():
    a = line_amount("3", "12.50", "10")  # 37,50 × 0,90 = 33,75
    b = line_amount("2", "19.99", "10", "5")  # 39,98 × 0,855 = 34,1829 → 34,18
    c = line_amount("5", "7.30")  # 36,50
    d = line_amount("4", "2.15", "5")  # 8,60 × 0,95 = 8,17
    e = line_amount("10", "9.90", "20", "10")  # 99,00 × 0,72 = 71,28
    assert (a, b, c, d, e) == (D("33.75"), D("34.18"), D("36.50"), D("8.17"), D("71.28"))
    lines = [TaxLine(e, N35), TaxLine(a, V22), TaxLine(d, V4), TaxLine(c, V10),
             TaxLine(b, V22),
             TaxLine(D("15.00"), V22, discountable=False)]  # not discounted
    # document discount 3+2 → 0,97 × 0,98 = 0,9506, per row on its discountable lines:
    # 22: (33,75 + 34,18) = 67,93 × 0,9506 = 64,574258 → 64,57 (−3,36) + 15,00 = 79,57;
    #     VAT 79,57 × 22 % = 17,5054 → 17,51
    # 10: 36,50 × 0,9506 = 34,6969 → 34,70 (−1,80); VAT 3,47
    # 4:  8,17 × 0,9506 = 7,766402 → 7,77 (−0,40); VAT 0,3108 → 0,31
    # N3.5: 71,28 × 0,9506 = 67,758768 → 67,76 (−3,52): under 77,47, no stamp duty
    t = compute(lines, discounts="3+2", stamp_duty=stamp())
    assert t.summary == [VatRow(V22, D("79.57"), D("17.51")),
                         VatRow(V10, D("34.70"), D("3.47")),
                         VatRow(V4, D("7.77"), D("0.31")),
                         VatRow(N35, D("67.76"), D("0.00"))]
    # goods 33,75 + 34,18 + 36,50 + 8,17 + 71,28 + 15,00 = 198,88
    assert t.goods == D("198.88")
    assert t.document_discount == D("9.08")  # 3,36 + 1,80 + 0,40 + 3,52
    assert t.taxable == D("189.80")  # 198,88 − 9,08
    assert t.vat == D("21.29")  # 17,51 + 3,47 + 0,31
    assert t.total == D("211.09")
    assert t.due == D("211.09")
    assert (t.charges, t.stamp_duty, t.withholding, t.gifts) == (0, 0, 0, 0)
    assert t.charge_lines == []


def test_no_document_discount_leaves_the_lines_as_they_are():
    t = compute([TaxLine(D("10.05"), V10), TaxLine(D("0.10"), V10)])
    # 10,15 × 10 % = 1,015 → 1,02 (half-up on the summary, not 1,01 + 0,01 per line)
    assert t.summary == [VatRow(V10, D("10.15"), D("1.02"))]
    assert (t.document_discount, t.total) == (D("0.00"), D("11.17"))


def test_summary_rows_taxable_rates_descending_then_natures_by_code():
    keys = [N4, V4, N1, V22, N22, V10]
    t = compute([TaxLine(D("1.00"), k) for k in keys])
    assert [r.vat.code for r in t.summary] == ["22", "10", "4", "N1", "N2.2", "N4"]


def test_split_payment_due_is_total_less_vat():
    # 22: 1.000,00 → VAT 220,00; 10: 55,55 → 5,555 → 5,56
    t = compute([TaxLine(D("1000.00"), V22), TaxLine(D("55.55"), V10)], split_payment=True)
    assert t.vat == D("225.56")
    assert t.total == D("1281.11")  # 1.055,55 + 225,56
    assert t.due == D("1055.55")  # 1.281,11 − 225,56
    assert compute([TaxLine(D("1000.00"), V22)]).due == D("1220.00")  # without


def test_withholding_20_percent_on_the_fee_not_on_the_expenses():
    # fee 1.000,00 at 22 % with withholding; expenses advanced (art. 15) 50,00 N1
    t = compute([TaxLine(D("1000.00"), V22, withholding=True), TaxLine(D("50.00"), N1)],
                withholding_rate=D("20"))
    assert t.summary == [VatRow(V22, D("1000.00"), D("220.00")),
                         VatRow(N1, D("50.00"), D("0.00"))]
    assert t.total == D("1270.00")  # 1.050,00 + 220,00
    assert t.withholding == D("200.00")  # 20 % of 1.000,00
    assert t.due == D("1070.00")  # 1.270,00 − 200,00


def test_withholding_after_the_document_discount():
    # 22 %: fee 123,45 (withholding) and 200,00 (not), discount 5 → factor 0,95
    # row: 323,45 × 0,95 = 307,2775 → 307,28; VAT 67,6016 → 67,60
    # withholding base: 123,45 × 0,95 = 117,2775 → 117,28; 20 % = 23,456 → 23,46
    t = compute([TaxLine(D("123.45"), V22, withholding=True), TaxLine(D("200.00"), V22)],
                discounts="5", withholding_rate=D("20"))
    assert t.summary == [VatRow(V22, D("307.28"), D("67.60"))]
    assert t.withholding == D("23.46")
    assert t.total == D("374.88")  # 307,28 + 67,60
    assert t.due == D("351.42")  # 374,88 − 23,46
    # no rate: no withholding
    assert compute([TaxLine(D("100.00"), V22, withholding=True)]).withholding == 0


def test_withholding_and_split_payment_together():
    # 500,00 at 22 %: VAT 110,00, total 610,00; withholding 20 % 100,00; split: −110,00
    t = compute([TaxLine(D("500.00"), V22, withholding=True)], withholding_rate=D("20"),
                split_payment=True)
    assert (t.total, t.withholding, t.due) == (D("610.00"), D("100.00"), D("400.00"))


def test_stamp_duty_not_due_at_77_47():
    t = compute([TaxLine(D("77.47"), N4)], stamp_duty=stamp())
    assert t.stamp_duty == D("0.00")
    assert t.summary == [VatRow(N4, D("77.47"), D("0.00"))]
    assert (t.charges, t.total, t.charge_lines) == (D("0.00"), D("77.47"), [])


def test_stamp_duty_due_at_77_48_charged_as_an_n1_line():
    t = compute([TaxLine(D("77.48"), N4)], stamp_duty=stamp())
    assert t.stamp_duty == D("2.00")
    assert t.summary == [VatRow(N1, D("2.00"), D("0.00")), VatRow(N4, D("77.48"), D("0.00"))]
    assert t.charge_lines == [Charge("stamp_duty", "Imposta di bollo", D("2.00"), N1)]
    assert t.charges == D("2.00")
    assert t.taxable == D("79.48")
    assert t.total == D("79.48")  # 77,48 + 2,00, no VAT
    assert t.due == D("79.48")


def test_stamp_duty_counts_only_the_listed_natures():
    # 1.000,00 at 22 % + 77,47 N4: only 77,47 counts → not due
    t = compute([TaxLine(D("1000.00"), V22), TaxLine(D("77.47"), N4)], stamp_duty=stamp())
    assert t.stamp_duty == 0
    assert t.total == D("1297.47")  # 1.077,47 + 220,00
    # 10,00 at 22 % + 40,00 N4 + 40,00 N2.2: 80,00 of natures → due, charged
    t = compute([TaxLine(D("10.00"), V22), TaxLine(D("40.00"), N4),
                 TaxLine(D("40.00"), N22)], stamp_duty=stamp())
    assert t.stamp_duty == D("2.00")
    assert [(r.vat.code, r.taxable, r.tax) for r in t.summary] == [
        ("22", D("10.00"), D("2.20")), ("N1", D("2.00"), D("0.00")),
        ("N2.2", D("40.00"), D("0.00")), ("N4", D("40.00"), D("0.00"))]
    assert t.total == D("94.20")  # 10,00 + 2,20 + 2,00 + 80,00
    # after the document discount: 80,00 N4 less 5 % = 76,00 → not due
    t = compute([TaxLine(D("80.00"), N4)], discounts="5", stamp_duty=stamp())
    assert (t.taxable, t.stamp_duty) == (D("76.00"), D("0.00"))


def test_stamp_duty_not_charged_is_reported_outside_the_total():
    t = compute([TaxLine(D("100.00"), N4)], stamp_duty=stamp(charged=False))
    assert t.stamp_duty == D("2.00")
    assert t.charge_lines == []
    assert t.summary == [VatRow(N4, D("100.00"), D("0.00"))]
    assert (t.charges, t.total, t.due) == (D("0.00"), D("100.00"), D("100.00"))


def test_stamp_duty_on_a_credit_note_is_due_and_given_back():
    # −100,00 N4: |−100,00| > 77,47 → due; the charged line has the document's sign
    t = compute([TaxLine(D("-100.00"), N4)], stamp_duty=stamp())
    assert t.stamp_duty == D("2.00")
    assert t.summary == [VatRow(N1, D("-2.00"), D("0.00")),
                         VatRow(N4, D("-100.00"), D("0.00"))]
    assert (t.charges, t.total) == (D("-2.00"), D("-102.00"))


def test_collection_charges_three_riba_at_2_50_at_22_percent():
    from gamma.sales.charges import collection_charges
    amount = collection_charges(D("2.50"), 3)  # 3 × 2,50 = 7,50
    assert amount == D("7.50")
    collection = Charge("collection", "Spese d'incasso", amount, V22)
    # 200,00 N3.5 less 10 % = 180,00; the charge is not discounted:
    # 22: 7,50 → VAT 7,50 × 22 % = 1,65
    t = compute([TaxLine(D("200.00"), N35)], discounts="10", charges=[collection])
    assert t.summary == [VatRow(V22, D("7.50"), D("1.65")),
                         VatRow(N35, D("180.00"), D("0.00"))]
    assert (t.goods, t.document_discount, t.charges) == (D("200.00"), D("20.00"), D("7.50"))
    assert t.charge_lines == [collection]
    assert t.total == D("189.15")  # 180,00 + 7,50 + 1,65


def test_charges_join_an_existing_row_and_stamp_duty_sums_with_them():
    transport = Charge("charge", "Trasporto", D("12.00"), V22)
    # 22: 100,00 + 12,00 = 112,00 → VAT 24,64; N4 77,48 → stamp duty charged
    t = compute([TaxLine(D("100.00"), V22), TaxLine(D("77.48"), N4)], charges=[transport],
                stamp_duty=stamp())
    assert [(r.vat.code, r.taxable, r.tax) for r in t.summary] == [
        ("22", D("112.00"), D("24.64")), ("N1", D("2.00"), D("0.00")),
        ("N4", D("77.48"), D("0.00"))]
    assert t.charges == D("14.00")  # 12,00 + 2,00
    assert [c.kind for c in t.charge_lines] == ["charge", "stamp_duty"]
    assert t.total == D("216.12")  # 112,00 + 24,64 + 2,00 + 77,48


def test_charged_gift_is_taxed_but_not_paid():
    # 22: 100,00 sold + 50,00 gift with VAT charged = 150,00 → VAT 33,00
    t = compute([TaxLine(D("100.00"), V22), TaxLine(D("50.00"), V22, gift="charged")])
    assert t.summary == [VatRow(V22, D("150.00"), D("33.00"))]
    assert (t.goods, t.gifts) == (D("150.00"), D("50.00"))
    assert t.total == D("133.00")  # 150,00 + 33,00 − 50,00: the customer pays the gift's VAT
    # the document discount 10 does not touch the gift: 90,00 + 50,00 = 140,00 → 30,80
    t = compute([TaxLine(D("100.00"), V22), TaxLine(D("50.00"), V22, gift="charged")],
                discounts="10")
    assert t.summary == [VatRow(V22, D("140.00"), D("30.80"))]
    assert (t.document_discount, t.gifts, t.total) == (D("10.00"), D("50.00"), D("120.80"))


def test_free_gift_is_left_out():
    t = compute([TaxLine(D("100.00"), V22), TaxLine(D("30.00"), V22, gift="free"),
                 TaxLine(D("20.00"), V10, gift="free")])
    assert t.summary == [VatRow(V22, D("100.00"), D("22.00"))]  # no 10 % row
    assert (t.goods, t.gifts, t.total) == (D("100.00"), D("0.00"), D("122.00"))


def test_credit_note_with_negative_amounts():
    # −100,00 at 22 % → VAT −22,00; −12,35 at 10 % → −1,235 → −1,24 (half-up, away from 0)
    t = compute([TaxLine(D("-100.00"), V22), TaxLine(D("-12.35"), V10)])
    assert t.summary == [VatRow(V22, D("-100.00"), D("-22.00")),
                         VatRow(V10, D("-12.35"), D("-1.24"))]
    assert (t.goods, t.taxable, t.vat) == (D("-112.35"), D("-112.35"), D("-23.24"))
    assert (t.total, t.due) == (D("-135.59"), D("-135.59"))
    # with the document discount 10: −90,00 → −19,80; −12,35 × 0,9 = −11,115 → −11,12,
    # VAT −1,112 → −1,11; discount −10,00 − 1,23 = −11,23
    t = compute([TaxLine(D("-100.00"), V22), TaxLine(D("-12.35"), V10)], discounts="10")
    assert t.summary == [VatRow(V22, D("-90.00"), D("-19.80")),
                         VatRow(V10, D("-11.12"), D("-1.11"))]
    assert t.document_discount == D("-11.23")
    assert (t.taxable, t.vat, t.total) == (D("-101.12"), D("-20.91"), D("-122.03"))


def test_a_return_line_nets_within_its_row():
    # 22: 200,00 − 50,00 = 150,00 → VAT 33,00
    t = compute([TaxLine(D("200.00"), V22), TaxLine(D("-50.00"), V22)])
    assert t.summary == [VatRow(V22, D("150.00"), D("33.00"))]
    assert t.total == D("183.00")


def test_empty_document():
    t = compute([])
    assert (t.summary, t.total, t.due) == ([], D("0.00"), D("0.00"))


@pytest.mark.parametrize("chain", ["abc", "10+x", "100"])
def test_a_bad_document_discount_chain_is_refused(chain):
    from gamma.errors import ValidationError
    with pytest.raises(ValidationError, match="Sconti: catena di percentuali") as caught:
        compute([TaxLine(D("1.00"), V22)], discounts=chain)
    assert caught.value.field == "discounts"


def test_a_decimal_comma_discount_chain():
    # 12,5 → factor 0,875: 100,00 → 87,50, VAT 19,25
    t = compute([TaxLine(D("100.00"), V22)], discounts="12,5")
    assert t.summary == [VatRow(V22, D("87.50"), D("19.25"))]
