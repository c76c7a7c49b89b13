//! Orders as the API shows them.

use serde::Serialize;

use super::items::{ItemView, One};
use super::{Identifier, Money, Related};
use crate::clock::rfc3339;
use crate::pricing::{price_cart, CartPricing};
use crate::store::{Address, Buyer, Order};

/// An order: `status` `incomplete`, `payment` `unpaid` and `shipping` `unfulfilled`, since the
/// emulator takes no payments and ships nothing.
#[derive(Debug, Serialize)]
pub struct OrderView<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    id: &'a str,
    status: &'static str,
    payment: &'static str,
    shipping: &'static str,
    anonymized: bool,
    customer: NameAndEmail<'a>,
    contact: NameAndEmail<'a>,
    billing_address: AddressView<'a>,
    shipping_address: AddressView<'a>,
    links: Empty,
    meta: OrderMeta,
    relationships: OrderRelationships<'a>,
}

#[derive(Debug, Serialize)]
struct Empty {}

#[derive(Debug, Serialize)]
struct NameAndEmail<'a> {
    name: &'a str,
    email: &'a str,
}

#[derive(Debug, Serialize)]
struct OrderMeta {
    display_price: OrderDisplayPrice,
    timestamps: OrderTimestamps,
}

#[derive(Debug, Serialize)]
struct OrderTimestamps {
    created_at: String,
    updated_at: String,
}

#[derive(Debug, Serialize)]
struct OrderDisplayPrice {
    with_tax: Money,
    without_tax: Money,
    tax: Money,
    discount: Money,
    without_discount: Money,
    balance_owing: Money,
    paid: Money,
    authorized: Money,
}

#[derive(Debug, Serialize)]
struct OrderRelationships<'a> {
    items: Related<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    customer: Option<One<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    account: Option<One<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    account_member: Option<One<'a>>,
    #[serde(skip_serializing_if = "Related::is_empty")]
    custom_discounts: Related<'a>,
    #[serde(skip_serializing_if = "Related::is_empty")]
    promotions: Related<'a>,
}

/// An address with every field, empty when not given.
#[derive(Debug, Serialize)]
struct AddressView<'a> {
    first_name: &'a str,
    last_name: &'a str,
    phone_number: &'a str,
    company_name: &'a str,
    line_1: &'a str,
    line_2: &'a str,
    city: &'a str,
    postcode: &'a str,
    county: &'a str,
    region: &'a str,
    country: &'a str,
    instructions: &'a str,
}

impl<'a> AddressView<'a> {
    fn new(address: &'a Address) -> Self {
        AddressView {
            first_name: &address.first_name,
            last_name: &address.last_name,
            phone_number: &address.phone_number,
            company_name: &address.company_name,
            line_1: &address.line_1,
            line_2: &address.line_2,
            city: &address.city,
            postcode: &address.postcode,
            county: &address.county,
            region: &address.region,
            country: &address.country,
            instructions: &address.instructions,
        }
    }
}

fn one<'a>(kind: &'static str, id: &'a str) -> One<'a> {
    One {
        data: Identifier { kind, id },
    }
}

/// An order priced: the prices it had at checkout.
#[derive(Debug)]
pub struct PricedOrder<'a> {
    order: &'a Order,
    pricing: CartPricing,
}

impl<'a> PricedOrder<'a> {
    /// Prices `order`.
    pub fn new(order: &'a Order) -> Self {
        PricedOrder {
            order,
            pricing: price_cart(&order.items(), &order.promotions, &order.custom_discounts),
        }
    }

    /// The order.
    pub fn view(&'a self) -> OrderView<'a> {
        let order = self.order;
        let amounts = &self.pricing.amounts;
        let (customer, account, member) = match &order.buyer {
            Buyer::Guest => (None, None, None),
            Buyer::Customer(id) => (Some(one("customer", id)), None, None),
            Buyer::Account { id, member_id } => (
                None,
                (!id.is_empty()).then(|| one("account", id)),
                member_id.as_deref().map(|m| one("account_member", m)),
            ),
        };
        OrderView {
            kind: "order",
            id: &order.id,
            status: "incomplete",
            payment: "unpaid",
            shipping: "unfulfilled",
            anonymized: false,
            customer: NameAndEmail {
                name: &order.name,
                email: &order.email,
            },
            contact: NameAndEmail {
                name: &order.name,
                email: &order.email,
            },
            billing_address: AddressView::new(&order.billing_address),
            shipping_address: AddressView::new(&order.shipping_address),
            links: Empty {},
            meta: OrderMeta {
                display_price: OrderDisplayPrice {
                    with_tax: Money::usd(amounts.with_tax),
                    without_tax: Money::usd(amounts.without_tax),
                    tax: Money::usd(amounts.tax),
                    discount: Money::usd(amounts.discount),
                    without_discount: Money::usd(amounts.without_discount),
                    balance_owing: Money::usd(amounts.with_tax),
                    paid: Money::usd(0),
                    authorized: Money::usd(0),
                },
                timestamps: OrderTimestamps {
                    created_at: rfc3339(order.created_at),
                    updated_at: rfc3339(order.created_at),
                },
            },
            relationships: OrderRelationships {
                items: Related::new("item", order.lines.iter().map(|line| line.id.as_str())),
                customer,
                account,
                account_member: member,
                custom_discounts: Related::new(
                    "custom_discount",
                    order.custom_discounts.iter().map(|d| d.id.as_str()),
                ),
                promotions: Related::new(
                    "promotion",
                    order.promotions.iter().map(|p| p.id.as_str()),
                ),
            },
        }
    }

    /// The order's items.
    pub fn items(&'a self) -> Vec<ItemView<'a>> {
        self.order
            .lines
            .iter()
            .zip(&self.pricing.items)
            .map(|(line, pricing)| ItemView::order_line(&line.id, &line.item, pricing))
            .collect()
    }
}
