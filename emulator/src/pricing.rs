//! The prices of a cart's items and of the cart as a whole, exact in cents.
//!
//! For each item:
//!
//! - `value` (without discounts) is the unit price × quantity;
//! - its discounts are the promotions applied to the cart (a percentage of each *product* item's
//!   value, rounded half away from zero; custom items are not promoted) and the item's own custom
//!   discounts, never more than the value in total;
//! - tax is computed on the discounted value: each tax item's `rate` × that value, rounded per
//!   tax item, added on top; for a custom item whose price includes tax, the discounted value is
//!   the price with tax and the part without tax is value / (1 + sum of rates), rounded;
//! - `unit` amounts are the item's amounts divided by its quantity, rounded.
//!
//! For the cart: the sums over its items, then the cart's own custom discounts, which lower the
//! amounts with and without tax alike (never below zero) and leave the tax as it is.
//! `without_discount` is always `with_tax - discount`.

use std::collections::BTreeMap;

use crate::catalog::Promotion;
use crate::money::{div_round, Rate};
use crate::store::{CartItem, CustomDiscount, ItemKind};

/// One discount as applied to an item or a cart: what it is, and the cents it takes off (≤ 0).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The promotion's or custom discount's id.
    pub id: String,
    pub code: String,
    pub amount: i64,
}

/// The amounts of one item (or, for [`CartPricing`], of the whole cart), in cents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Amounts {
    pub with_tax: i64,
    pub without_tax: i64,
    pub tax: i64,
    /// Total of the discounts, ≤ 0.
    pub discount: i64,
    /// `with_tax - discount`.
    pub without_discount: i64,
}

impl Amounts {
    fn finish(with_tax: i64, without_tax: i64, discount: i64) -> Self {
        Amounts {
            with_tax,
            without_tax,
            tax: with_tax - without_tax,
            discount,
            without_discount: with_tax.saturating_sub(discount),
        }
    }

    /// Each amount divided by `quantity`, rounded half away from zero.
    pub fn per_unit(&self, quantity: u64) -> Amounts {
        let quantity = i128::from(quantity.max(1));
        let unit = |amount: i64| div_round(i128::from(amount), quantity);
        Amounts {
            with_tax: unit(self.with_tax),
            without_tax: unit(self.without_tax),
            tax: unit(self.tax),
            discount: unit(self.discount),
            without_discount: unit(self.without_discount),
        }
    }
}

/// The prices of one item.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemPricing {
    /// Unit price × quantity.
    pub value: i64,
    pub amounts: Amounts,
    /// The discounts applied, promotions first.
    pub discounts: Vec<Applied>,
    /// The tax of each tax item, in the item's order.
    pub taxes: Vec<i64>,
}

/// The prices of a cart (or an order) and of each of its items.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CartPricing {
    pub items: Vec<ItemPricing>,
    pub amounts: Amounts,
    /// The cart's own custom discounts as applied.
    pub cart_discounts: Vec<Applied>,
    /// Every discount of the cart and its items, summed by code.
    pub by_code: BTreeMap<String, i64>,
}

/// Prices one item given the promotions applied to its cart.
pub fn price_item(item: &CartItem, promotions: &[Promotion]) -> ItemPricing {
    let value = item
        .unit_price
        .saturating_mul(i64::try_from(item.quantity).unwrap_or(i64::MAX));
    let mut discounts = Vec::new();
    let mut left = value;
    let mut take = |id: &str, code: &str, wanted: i64| {
        let amount = wanted.max(-left).min(0);
        left += amount;
        discounts.push(Applied {
            id: id.to_owned(),
            code: code.to_owned(),
            amount,
        });
    };
    if matches!(item.kind, ItemKind::Product { .. }) {
        for promotion in promotions {
            let off = div_round(i128::from(value) * i128::from(promotion.percent_off), 100);
            take(&promotion.id, &promotion.code, -off);
        }
    }
    for discount in &item.custom_discounts {
        take(&discount.id, &discount.discount_code, discount.amount);
    }
    let discount = left - value;
    let net = left;
    let (amounts, taxes) = if item.includes_tax {
        let total = item
            .taxes
            .iter()
            .fold(Rate::default(), |sum, tax| sum.plus(tax.rate));
        let without_tax = total.exclusive_part(net);
        // Split the contained tax over the tax items by their rates; the last takes the rest.
        let tax = net - without_tax;
        let mut taxes: Vec<i64> = item.taxes.iter().map(|t| t.rate.of(without_tax)).collect();
        if let Some((last, others)) = taxes.split_last_mut() {
            *last = tax - others.iter().sum::<i64>();
        }
        (Amounts::finish(net, without_tax, discount), taxes)
    } else {
        let taxes: Vec<i64> = item.taxes.iter().map(|tax| tax.rate.of(net)).collect();
        let tax = taxes.iter().fold(0i64, |sum, t| sum.saturating_add(*t));
        (
            Amounts::finish(net.saturating_add(tax), net, discount),
            taxes,
        )
    };
    ItemPricing {
        value,
        amounts,
        discounts,
        taxes,
    }
}

/// Prices a cart: its items, then its own custom discounts.
pub fn price_cart(
    items: &[CartItem],
    promotions: &[Promotion],
    custom_discounts: &[CustomDiscount],
) -> CartPricing {
    let items: Vec<ItemPricing> = items
        .iter()
        .map(|item| price_item(item, promotions))
        .collect();
    let sum = |field: fn(&Amounts) -> i64| {
        items
            .iter()
            .fold(0i64, |sum, item| sum.saturating_add(field(&item.amounts)))
    };
    let (mut with_tax, mut without_tax, mut discount) = (
        sum(|a| a.with_tax),
        sum(|a| a.without_tax),
        sum(|a| a.discount),
    );
    let mut cart_discounts = Vec::new();
    for custom in custom_discounts {
        let amount = custom.amount.max(-without_tax).min(0);
        without_tax += amount;
        with_tax += amount;
        discount += amount;
        cart_discounts.push(Applied {
            id: custom.id.clone(),
            code: custom.discount_code.clone(),
            amount,
        });
    }
    let mut by_code = BTreeMap::new();
    for applied in items
        .iter()
        .flat_map(|item| &item.discounts)
        .chain(&cart_discounts)
    {
        *by_code.entry(applied.code.clone()).or_insert(0) += applied.amount;
    }
    CartPricing {
        amounts: Amounts::finish(with_tax, without_tax, discount),
        items,
        cart_discounts,
        by_code,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{ItemKind, TaxItem};

    fn item(unit_price: i64, quantity: u64, kind: ItemKind) -> CartItem {
        CartItem {
            id: "i".into(),
            kind,
            name: String::new(),
            sku: String::new(),
            slug: String::new(),
            description: String::new(),
            quantity,
            unit_price,
            includes_tax: false,
            taxes: Vec::new(),
            custom_discounts: Vec::new(),
            created_at: 0,
            updated_at: 0,
        }
    }

    fn product(unit_price: i64, quantity: u64) -> CartItem {
        item(
            unit_price,
            quantity,
            ItemKind::Product {
                product_id: "p".into(),
            },
        )
    }

    fn tax(rate: f64) -> TaxItem {
        TaxItem {
            id: "t".into(),
            name: String::new(),
            jurisdiction: String::new(),
            code: String::new(),
            rate: Rate::from_decimal(rate).unwrap(),
        }
    }

    fn save10() -> Promotion {
        Promotion {
            id: "promo".into(),
            code: "SAVE10".into(),
            name: String::new(),
            description: String::new(),
            percent_off: 10,
        }
    }

    fn discount(amount: i64) -> CustomDiscount {
        CustomDiscount {
            id: "d".into(),
            amount,
            description: String::new(),
            discount_code: "CUSTOM".into(),
            discount_engine: String::new(),
            external_id: String::new(),
        }
    }

    #[test]
    fn promotions_then_taxes_on_the_discounted_value() {
        let mut line = product(1999, 3);
        line.taxes.push(tax(0.2));
        let pricing = price_item(&line, &[save10()]);
        assert_eq!(pricing.value, 5997);
        // 10 % of 5997 = 599.7 → 600 off; 20 % of 5397 = 1079.4 → 1079.
        assert_eq!(
            pricing.amounts,
            Amounts {
                with_tax: 6476,
                without_tax: 5397,
                tax: 1079,
                discount: -600,
                without_discount: 7076,
            }
        );
        assert_eq!(pricing.amounts.per_unit(3).with_tax, 2159);
    }

    #[test]
    fn custom_items_are_not_promoted_and_may_include_tax() {
        let mut line = item(1200, 1, ItemKind::Custom);
        line.includes_tax = true;
        line.taxes.push(tax(0.2));
        let pricing = price_item(&line, &[save10()]);
        assert!(pricing.discounts.is_empty());
        assert_eq!(
            (
                pricing.amounts.with_tax,
                pricing.amounts.without_tax,
                pricing.amounts.tax
            ),
            (1200, 1000, 200)
        );
        assert_eq!(pricing.taxes, [200]);
    }

    #[test]
    fn discounts_never_exceed_the_value() {
        let mut line = product(500, 1);
        line.custom_discounts.push(discount(-400));
        line.custom_discounts.push(discount(-400));
        let pricing = price_item(&line, &[save10()]);
        assert_eq!(pricing.amounts.with_tax, 0);
        assert_eq!(pricing.amounts.discount, -500);
        assert_eq!(
            pricing
                .discounts
                .iter()
                .map(|d| d.amount)
                .collect::<Vec<_>>(),
            [-50, -400, -50]
        );
    }

    #[test]
    fn cart_discounts_come_off_both_totals_and_leave_tax() {
        let mut taxed = product(1000, 2);
        taxed.taxes.push(tax(0.1));
        let items = [taxed, item(300, 1, ItemKind::Custom)];
        let pricing = price_cart(&items, &[save10()], &[discount(-250)]);
        // Product: 2000 − 200 = 1800 + 180 tax; custom: 300. Cart discount −250.
        assert_eq!(
            pricing.amounts,
            Amounts {
                with_tax: 2030,
                without_tax: 1850,
                tax: 180,
                discount: -450,
                without_discount: 2480,
            }
        );
        assert_eq!(pricing.by_code["SAVE10"], -200);
        assert_eq!(pricing.by_code["CUSTOM"], -250);
        assert_eq!(
            price_cart(&[], &[], &[discount(-5)]).amounts,
            Amounts::default()
        );
    }
}
