/**
 * Party fees (đảng phí, Regulation 01-QĐ/TW of 2026), a whole module written as an integrator would
 * write one: each member's monthly dues recorded as paid (in cash at the cell meeting, or marked as
 * paid through the national public service portal), the amount computed from configurable rates, a
 * warning at three unpaid months in a calendar year, the cell's collection sheet opened by the
 * meeting held that month. The module records whether fees were paid; it holds no money and no bank
 * data. Amounts are whole đồng ({@code long}).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.sotay.fees.api;
