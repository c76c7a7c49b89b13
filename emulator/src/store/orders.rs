//! Orders: what a checkout makes of a cart.
//!
//! An order keeps a copy of the cart's items, promotions and custom discounts as they were at
//! checkout, so its prices never change afterwards. The cart itself stays as it was (the API
//! keeps carts after checkout), but remembers the checkout: a cart that has not changed since
//! its last checkout cannot be checked out again, which is what makes two checkouts of one cart
//! at once produce exactly one order.

use uuid::Uuid;

use super::items::{CartItem, CustomDiscount};
use super::{Checkout, Store, StoreError};
use crate::catalog::Promotion;
use crate::clock::Timestamp;

/// A postal address of an order. Fields the client did not send are empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Address {
    pub first_name: String,
    pub last_name: String,
    pub phone_number: String,
    pub company_name: String,
    pub line_1: String,
    pub line_2: String,
    pub city: String,
    pub postcode: String,
    pub county: String,
    pub region: String,
    pub country: String,
    pub instructions: String,
}

/// Who placed an order, which decides who may read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Buyer {
    /// A shopper known only by name and email: anyone holding the order id may read it.
    Guest,
    /// A registered customer: readable with that customer's token or a client_credentials token.
    Customer(String),
    /// An account (and the member who checked out): readable with an account token or a
    /// client_credentials token.
    Account {
        /// Empty when the checkout did not name the account.
        id: String,
        member_id: Option<String>,
    },
}

/// What a checkout needs besides the cart.
#[derive(Debug, Clone)]
pub struct NewOrder {
    pub buyer: Buyer,
    /// The buyer's name and email as the order shows them (`customer` / `contact`).
    pub name: String,
    pub email: String,
    pub billing_address: Address,
    pub shipping_address: Address,
}

/// A line of an order: its own id and the cart item it was made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderLine {
    pub id: String,
    pub item: CartItem,
}

/// An order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    pub id: String,
    pub cart_id: String,
    pub buyer: Buyer,
    pub name: String,
    pub email: String,
    pub billing_address: Address,
    pub shipping_address: Address,
    pub lines: Vec<OrderLine>,
    pub promotions: Vec<Promotion>,
    pub custom_discounts: Vec<CustomDiscount>,
    pub created_at: Timestamp,
}

impl Order {
    /// The cart items as they were at checkout.
    pub fn items(&self) -> Vec<CartItem> {
        self.lines.iter().map(|line| line.item.clone()).collect()
    }
}

impl Store {
    /// Turns a cart into an order. Fails with [`StoreError::CartEmpty`] for a cart without
    /// items, and with [`StoreError::AlreadyCheckedOut`] (naming the order) when the cart has
    /// not changed since its last checkout. The cart keeps its items and its place in listings.
    pub fn checkout(
        &mut self,
        cart_id: &str,
        new: NewOrder,
        now: Timestamp,
    ) -> Result<&Order, StoreError> {
        if let Buyer::Customer(customer_id) = &new.buyer {
            if !self.customers.contains_key(customer_id) {
                return Err(StoreError::CustomerNotFound);
            }
        }
        let handle = self.handle(cart_id)?;
        let at = self.last_at.max(now);
        let cart = self.slot_mut(handle);
        if cart.items.is_empty() {
            return Err(StoreError::CartEmpty);
        }
        if let Some(done) = cart.checkout.as_ref().filter(|done| done.seq == cart.seq) {
            return Err(StoreError::AlreadyCheckedOut(done.order_id.clone()));
        }
        let id = Uuid::new_v4().to_string();
        cart.checkout = Some(Checkout {
            seq: cart.seq,
            order_id: id.clone(),
        });
        let order = Order {
            id: id.clone(),
            cart_id: cart.id.clone(),
            buyer: new.buyer,
            name: new.name,
            email: new.email,
            billing_address: new.billing_address,
            shipping_address: new.shipping_address,
            lines: cart
                .items
                .iter()
                .map(|item| OrderLine {
                    id: Uuid::new_v4().to_string(),
                    item: item.clone(),
                })
                .collect(),
            promotions: cart.promotions.clone(),
            custom_discounts: cart.custom_discounts.clone(),
            created_at: at,
        };
        Ok(self.orders.entry(id).or_insert(order))
    }

    /// The order with this id, if any.
    pub fn order(&self, id: &str) -> Option<&Order> {
        self.orders.get(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Product;
    use crate::store::NewCart;

    fn guest() -> NewOrder {
        NewOrder {
            buyer: Buyer::Guest,
            name: "Guest".into(),
            email: "guest@example.com".into(),
            billing_address: Address::default(),
            shipping_address: Address::default(),
        }
    }

    #[test]
    fn an_unchanged_cart_is_checked_out_once() {
        let mut store = Store::new();
        let new = NewCart {
            id: Some("c".into()),
            ..NewCart::default()
        };
        store.create_cart(new, 0).unwrap();
        assert_eq!(
            store.checkout("c", guest(), 1).map(|_| ()),
            Err(StoreError::CartEmpty)
        );
        let product = Product {
            id: "p".into(),
            name: "P".into(),
            sku: "P".into(),
            slug: "p".into(),
            description: String::new(),
            price: 250,
        };
        store
            .edit_cart("c", 2, |cart, _, now| cart.add_product(&product, 2, now))
            .unwrap();
        let first = store.checkout("c", guest(), 3).unwrap().id.clone();
        assert_eq!(
            store.checkout("c", guest(), 4).map(|_| ()),
            Err(StoreError::AlreadyCheckedOut(first.clone()))
        );
        assert_eq!(store.order(&first).unwrap().lines[0].item.quantity, 2);
        assert_eq!(
            store.cart("c").unwrap().items.len(),
            1,
            "the cart keeps its items"
        );
        store
            .edit_cart("c", 5, |cart, _, now| cart.add_product(&product, 1, now))
            .unwrap();
        let second = store.checkout("c", guest(), 6).unwrap().id.clone();
        assert_ne!(first, second, "a changed cart may be checked out again");
        assert_eq!(
            store.order(&first).unwrap().lines[0].item.quantity,
            2,
            "orders keep their copy"
        );
    }
}
