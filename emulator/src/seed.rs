//! The demo store the emulator starts with unless `--empty` is given: three customers who can
//! log in, and carts with distinct update times so the listing order is visible.

use crate::clock::{Timestamp, DAY};
use crate::store::{NewCart, NewCustomer, Party, Store};

/// A demo customer and their password.
#[derive(Debug, Clone, Copy)]
pub struct DemoCustomer {
    pub id: &'static str,
    pub name: &'static str,
    pub email: &'static str,
    pub password: &'static str,
}

/// The demo customers. Their ids are fixed, so they stay the same across resets.
pub const DEMO_CUSTOMERS: [DemoCustomer; 3] = [
    DemoCustomer {
        id: "5d6a5f4c-7e0b-4c84-9d9e-1f0b3a6c2e01",
        name: "Ron Swanson",
        email: "ron@swanson.com",
        password: "mysecretpassword",
    },
    DemoCustomer {
        id: "8b1f3c2a-2d4e-4f6a-8c0e-3a5b7d9f1e02",
        name: "Leslie Knope",
        email: "leslie@knope.com",
        password: "pawnee2026",
    },
    DemoCustomer {
        id: "c3e5a7b9-4f6d-4b8a-9e1c-5d7f9b1d3e03",
        name: "April Ludgate",
        email: "april@ludgate.com",
        password: "janet-snakehole",
    },
];

/// A demo cart: id, name, description, owner (index into [`DEMO_CUSTOMERS`]) and age of its
/// last update in seconds, oldest first.
const DEMO_CARTS: [(&str, &str, &str, Option<usize>, Timestamp); 6] = [
    (
        "ron-woodworking",
        "Woodworking",
        "Chisels and a new plane",
        Some(0),
        3 * DAY,
    ),
    (
        "leslie-waffles",
        "Waffle night",
        "Whipped cream, lots",
        Some(1),
        2 * DAY,
    ),
    (
        "ron-grill",
        "Grill supplies",
        "Bacon and eggs",
        Some(0),
        DAY,
    ),
    (
        "guest-cart",
        "Guest cart",
        "Not associated with anyone",
        None,
        6 * 3600,
    ),
    (
        "leslie-campaign",
        "Campaign supplies",
        "Binders and buttons",
        Some(1),
        3600,
    ),
    ("leslie-gifts", "Galentine's gifts", "For Ann", Some(1), 600),
];

/// A store holding the demo data (or nothing if `empty`), with times relative to `now`.
pub fn store(empty: bool, now: Timestamp) -> Store {
    let mut store = Store::new();
    if empty {
        return store;
    }
    let registered = now - 30 * DAY;
    for customer in DEMO_CUSTOMERS {
        let new = NewCustomer {
            id: Some(customer.id.to_owned()),
            name: customer.name.to_owned(),
            email: customer.email.to_owned(),
            password: Some(customer.password.to_owned()),
        };
        store
            .create_customer(new, registered)
            .expect("demo customers have distinct emails");
    }
    // In order of update, so each change happens after the one before, as in real life.
    for (id, name, description, owner, age) in DEMO_CARTS {
        let at = now - age;
        let new = NewCart {
            id: Some(id.to_owned()),
            name: name.to_owned(),
            description: description.to_owned(),
            ..NewCart::default()
        };
        // An owned cart was created a day before its owner picked it up (the clock of the store
        // never goes back, so this is clamped to the previous change).
        let created = if owner.is_some() { at - DAY } else { at };
        store
            .create_cart(new, created)
            .expect("demo carts have distinct ids");
        if let Some(owner) = owner {
            store
                .associate(Party::Customer, id, DEMO_CUSTOMERS[owner].id, at)
                .expect("demo customers exist");
        }
    }
    store
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Scope;

    #[test]
    fn demo_carts_are_listed_newest_first() {
        let store = store(false, 1_000_000_000);
        let all = store.list_carts(Scope::All, 0, 10);
        assert_eq!(all.total, DEMO_CARTS.len());
        assert_eq!(all.carts[0].id, "leslie-gifts");
        assert!(all
            .carts
            .windows(2)
            .all(|w| w[0].updated_at > w[1].updated_at));
        let leslie = store.list_carts(Scope::Customer(DEMO_CUSTOMERS[1].id), 0, 10);
        assert_eq!(leslie.total, 3);
        assert!(store
            .authenticate("ron@swanson.com", "mysecretpassword")
            .is_some());
        assert_eq!(super::store(true, 0).cart_count(), 0);
    }
}
