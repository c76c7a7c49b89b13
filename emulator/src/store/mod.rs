//! The in-memory data of one store: carts, customers and the associations between them.
//!
//! The store knows nothing about HTTP. Routes validate input, call one method here and render
//! what comes back; the benchmark fills and queries it directly.
//!
//! # Ordering
//! Listings show the most recently updated cart first. `updated_at` is shown with second
//! precision, but a storefront easily changes several carts within one second, and the order
//! must still follow the order of the changes (associating an old cart must bring it to the top
//! at once). So every change also draws a number from a store-wide update sequence, and that
//! number is the ordering key. The shown `updated_at` never goes backwards along the sequence (a
//! change never gets an earlier second than the change before it, even if the system clock
//! steps back), so ordering by the sequence is the same as ordering by `(updated_at, sequence)`:
//! consistent with what clients see, and without ties.
//!
//! # Cost
//! A [`RecencyIndex`] over all carts and one per customer are updated on every change, so a page
//! of an unfiltered listing costs O(log n + page size) whatever the number of carts. A filtered
//! listing has to test every cart of its scope.

pub mod items;
pub mod orders;
pub mod recency;

use std::collections::HashMap;

use uuid::Uuid;

use crate::catalog::{Catalog, Promotion};
use crate::clock::{Timestamp, DAY};
pub use items::{CartItem, CustomDiscount, ItemKind, TaxItem};
pub use orders::{Address, Buyer, NewOrder, Order};
pub use recency::RecencyIndex;

/// How long a cart lives after its last update.
pub const CART_LIFETIME: Timestamp = 7 * DAY;

/// Name given to carts created implicitly by reading an unknown cart id.
pub const DEFAULT_CART_NAME: &str = "Cart";

/// The discount flags a cart carries; the emulator stores and returns them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct DiscountSettings {
    /// Whether custom discounts may be applied to the cart.
    pub custom_discounts_enabled: bool,
    /// Whether rule promotions apply to the cart.
    pub use_rule_promotions: bool,
}

/// A cart: its own fields, its associations, and what it holds (see [`items`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cart {
    pub id: String,
    pub name: String,
    pub description: String,
    pub discount_settings: DiscountSettings,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// Position of the cart's last change in the store-wide update sequence; orders listings.
    pub seq: u64,
    /// Ids of the associated customers, in the order they were associated.
    pub customers: Vec<String>,
    /// Ids of the associated accounts, in the order they were associated.
    pub accounts: Vec<String>,
    /// Items, in the order they were first added.
    pub items: Vec<CartItem>,
    /// Custom discounts on the cart as a whole (items carry their own).
    pub custom_discounts: Vec<CustomDiscount>,
    /// Promotions applied with a code, in the order they were applied.
    pub promotions: Vec<Promotion>,
    /// The last checkout, if any.
    pub checkout: Option<Checkout>,
}

/// The last checkout of a cart: the cart's update sequence number at the time, and the order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkout {
    pub seq: u64,
    pub order_id: String,
}

impl Cart {
    /// The ids of the associated customers or accounts.
    fn parties_mut(&mut self, party: Party) -> &mut Vec<String> {
        match party {
            Party::Customer => &mut self.customers,
            Party::Account => &mut self.accounts,
        }
    }

    /// When the cart expires: a week after its last update.
    pub fn expires_at(&self) -> Timestamp {
        self.updated_at + CART_LIFETIME
    }
}

/// A registered customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Customer {
    pub id: String,
    pub name: String,
    pub email: String,
    /// Kept in clear: this is a local development tool holding throwaway demo data.
    password: Option<String>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl Customer {
    /// Whether the customer can log in with a password (the API shows only this boolean).
    pub fn has_password(&self) -> bool {
        self.password.is_some()
    }
}

/// What is needed to create a cart.
#[derive(Debug, Clone, Default)]
pub struct NewCart {
    /// A custom id (already checked for safe characters), or `None` for a generated UUID.
    pub id: Option<String>,
    pub name: String,
    pub description: String,
    pub discount_settings: DiscountSettings,
}

/// The fields of a cart an update may change; `None` keeps the current value.
#[derive(Debug, Clone, Default)]
pub struct CartUpdate {
    pub name: Option<String>,
    pub description: Option<String>,
    pub discount_settings: Option<DiscountSettings>,
}

/// What is needed to register a customer.
#[derive(Debug, Clone, Default)]
pub struct NewCustomer {
    /// A fixed id (used for the demo data), or `None` for a generated UUID.
    pub id: Option<String>,
    pub name: String,
    pub email: String,
    pub password: Option<String>,
}

/// Why a store operation was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    CartNotFound,
    CustomerNotFound,
    /// A cart with the requested custom id exists already.
    CartExists,
    /// Another customer already uses this email address (compared case-insensitively).
    DuplicateEmail,
    /// The cart is associated with a customer and so cannot be deleted.
    LastCart,
    ProductNotFound,
    PromotionNotFound,
    ItemNotFound,
    TaxNotFound,
    DiscountNotFound,
    OrderNotFound,
    /// An item's quantity would exceed [`items::MAX_QUANTITY`].
    QuantityTooLarge,
    /// The cart would hold more than [`items::MAX_ITEMS`] items.
    TooManyItems,
    /// The item has [`items::MAX_TAXES_PER_ITEM`] tax items already.
    TaxLimit,
    /// The cart's `discount_settings.custom_discounts_enabled` is off.
    CustomDiscountsDisabled,
    /// The cart has [`items::MAX_CUSTOM_DISCOUNTS`] custom discounts already.
    CartDiscountLimit,
    /// The item has [`items::MAX_CUSTOM_DISCOUNTS`] custom discounts already.
    ItemDiscountLimit,
    /// A checkout of a cart without items.
    CartEmpty,
    /// The cart has not changed since it was checked out as this order.
    AlreadyCheckedOut(String),
}

/// Who a cart can be associated with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    Customer,
    Account,
}

/// Outcome of an association request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// The association is new.
    Added,
    /// The association existed already; nothing changed.
    Existing,
}

/// Whose carts a listing shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope<'a> {
    /// Every cart in the store.
    All,
    /// The carts associated with this customer id.
    Customer(&'a str),
}

/// One page of a listing.
#[derive(Debug, Default)]
pub struct Page<'a> {
    /// Number of carts in the whole listing (all pages).
    pub total: usize,
    /// The carts of the requested page, most recently updated first.
    pub carts: Vec<&'a Cart>,
}

/// Index of a cart in the store's slab of carts.
type Handle = u32;

/// The data of one store. See the module documentation for ordering and cost.
#[derive(Debug, Default)]
pub struct Store {
    /// What the store sells.
    catalog: Catalog,
    orders: HashMap<String, Order>,
    /// Slab of carts; `None` marks a handle free for reuse (listed in `free_handles`).
    carts: Vec<Option<Cart>>,
    free_handles: Vec<Handle>,
    handles: HashMap<String, Handle>,
    customers: HashMap<String, Customer>,
    /// Lowercased email address to customer id.
    customer_by_email: HashMap<String, String>,
    recent: RecencyIndex,
    recent_by_customer: HashMap<String, RecencyIndex>,
    /// The latest timestamp handed out; later changes never get an earlier one.
    last_at: Timestamp,
    /// The latest number of the update sequence.
    last_seq: u64,
}

impl Store {
    /// An empty store with an empty catalog.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty store selling `catalog`.
    pub fn with_catalog(catalog: Catalog) -> Self {
        Store {
            catalog,
            ..Self::default()
        }
    }

    /// What the store sells.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// Number of carts.
    pub fn cart_count(&self) -> usize {
        self.handles.len()
    }

    /// The cart with this id, if it exists.
    pub fn cart(&self, id: &str) -> Option<&Cart> {
        self.handles.get(id).map(|&handle| self.slot(handle))
    }

    /// Creates a cart. Fails with [`StoreError::CartExists`] if its custom id is taken.
    pub fn create_cart(&mut self, new: NewCart, now: Timestamp) -> Result<&Cart, StoreError> {
        let id = match new.id {
            Some(id) if self.handles.contains_key(&id) => return Err(StoreError::CartExists),
            Some(id) => id,
            None => Uuid::new_v4().to_string(),
        };
        let (at, seq) = self.next_stamp(now);
        let cart = Cart {
            id: id.clone(),
            name: new.name,
            description: new.description,
            discount_settings: new.discount_settings,
            created_at: at,
            updated_at: at,
            seq,
            customers: Vec::new(),
            accounts: Vec::new(),
            items: Vec::new(),
            custom_discounts: Vec::new(),
            promotions: Vec::new(),
            checkout: None,
        };
        let handle = match self.free_handles.pop() {
            Some(handle) => {
                self.carts[handle as usize] = Some(cart);
                handle
            }
            None => {
                let handle = Handle::try_from(self.carts.len()).expect("fewer than 2^32 carts");
                self.carts.push(Some(cart));
                handle
            }
        };
        self.handles.insert(id, handle);
        self.recent.push(seq, handle);
        Ok(self.slot(handle))
    }

    /// The cart with this id, created empty (named [`DEFAULT_CART_NAME`]) if it does not exist,
    /// as the real service does when a cart is read.
    pub fn get_or_create_cart(&mut self, id: &str, now: Timestamp) -> &Cart {
        if !self.handles.contains_key(id) {
            let new = NewCart {
                id: Some(id.to_owned()),
                name: DEFAULT_CART_NAME.to_owned(),
                ..NewCart::default()
            };
            self.create_cart(new, now)
                .expect("the id was checked to be free");
        }
        self.cart(id).expect("the cart exists now")
    }

    /// Changes a cart's fields and bumps its `updated_at`.
    pub fn update_cart(
        &mut self,
        id: &str,
        update: CartUpdate,
        now: Timestamp,
    ) -> Result<&Cart, StoreError> {
        let handle = self.handle(id)?;
        let cart = self.slot_mut(handle);
        if let Some(name) = update.name {
            cart.name = name;
        }
        if let Some(description) = update.description {
            cart.description = description;
        }
        if let Some(settings) = update.discount_settings {
            cart.discount_settings = settings;
        }
        self.touch(handle, now);
        Ok(self.slot(handle))
    }

    /// Changes what a cart holds with `edit`, which gets the cart, the catalog and the time to
    /// stamp changed items with. If `edit` succeeds the cart's `updated_at` moves (and the cart
    /// to the top of the listings); if it fails the cart is left exactly as it was, even if
    /// `edit` changed part of it first.
    pub fn edit_cart<T>(
        &mut self,
        id: &str,
        now: Timestamp,
        edit: impl FnOnce(&mut Cart, &Catalog, Timestamp) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let handle = self.handle(id)?;
        // The time `touch` will give the cart.
        let at = self.last_at.max(now);
        let cart = self.carts[handle as usize]
            .as_mut()
            .expect("handles point at carts");
        let before = cart.clone();
        match edit(cart, &self.catalog, at) {
            Ok(value) => {
                self.touch(handle, now);
                Ok(value)
            }
            Err(error) => {
                *cart = before;
                Err(error)
            }
        }
    }

    /// Deletes a cart, unless a customer is associated with it ([`StoreError::LastCart`]).
    pub fn delete_cart(&mut self, id: &str) -> Result<(), StoreError> {
        let handle = self.handle(id)?;
        if !self.slot(handle).customers.is_empty() {
            return Err(StoreError::LastCart);
        }
        let cart = self.carts[handle as usize]
            .take()
            .expect("handles point at carts");
        self.recent.remove(cart.seq);
        self.handles.remove(&cart.id);
        self.free_handles.push(handle);
        Ok(())
    }

    /// Associates a customer or an account with a cart; a new association bumps the cart's
    /// `updated_at`, which moves it to the top of every listing. Customers must exist; accounts
    /// are not managed by the emulator, so any account id is accepted.
    pub fn associate(
        &mut self,
        party: Party,
        cart_id: &str,
        id: &str,
        now: Timestamp,
    ) -> Result<Link, StoreError> {
        let handle = self.handle(cart_id)?;
        self.check_party(party, id)?;
        let list = self.slot_mut(handle).parties_mut(party);
        if list.iter().any(|linked| linked == id) {
            return Ok(Link::Existing);
        }
        list.push(id.to_owned());
        // `touch` files the cart under every associated customer, a new one included.
        self.touch(handle, now);
        Ok(Link::Added)
    }

    /// Removes an association with a cart; returns whether there was one. Removing an existing
    /// association bumps the cart's `updated_at`.
    pub fn dissociate(
        &mut self,
        party: Party,
        cart_id: &str,
        id: &str,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let handle = self.handle(cart_id)?;
        self.check_party(party, id)?;
        let cart = self.slot_mut(handle);
        let list = cart.parties_mut(party);
        let Some(position) = list.iter().position(|linked| linked == id) else {
            return Ok(false);
        };
        list.remove(position);
        let seq = cart.seq;
        if party == Party::Customer {
            self.unfile_for_customer(id, seq);
        }
        self.touch(handle, now);
        Ok(true)
    }

    fn check_party(&self, party: Party, id: &str) -> Result<(), StoreError> {
        match party {
            Party::Customer if !self.customers.contains_key(id) => {
                Err(StoreError::CustomerNotFound)
            }
            _ => Ok(()),
        }
    }

    /// Registers a customer. Email addresses are unique, compared case-insensitively.
    pub fn create_customer(
        &mut self,
        new: NewCustomer,
        now: Timestamp,
    ) -> Result<&Customer, StoreError> {
        let email_key = new.email.to_lowercase();
        if self.customer_by_email.contains_key(&email_key) {
            return Err(StoreError::DuplicateEmail);
        }
        let id = new.id.unwrap_or_else(|| Uuid::new_v4().to_string());
        let customer = Customer {
            id: id.clone(),
            name: new.name,
            email: new.email,
            password: new.password,
            created_at: now,
            updated_at: now,
        };
        self.customer_by_email.insert(email_key, id.clone());
        Ok(self.customers.entry(id).or_insert(customer))
    }

    /// The customer with this id, if any.
    pub fn customer(&self, id: &str) -> Option<&Customer> {
        self.customers.get(id)
    }

    /// The customer with this email address (any case) and password, if any.
    pub fn authenticate(&self, email: &str, password: &str) -> Option<&Customer> {
        let id = self.customer_by_email.get(&email.to_lowercase())?;
        let customer = self.customers.get(id)?;
        (customer.password.as_deref() == Some(password)).then_some(customer)
    }

    /// One page of the carts in `scope`, most recently updated first. O(log n + limit).
    pub fn list_carts(&self, scope: Scope<'_>, offset: usize, limit: usize) -> Page<'_> {
        let Some(index) = self.index_of(scope) else {
            return Page::default();
        };
        Page {
            total: index.len(),
            carts: index
                .newest(offset, limit)
                .into_iter()
                .map(|handle| self.slot(handle))
                .collect(),
        }
    }

    /// One page of the carts in `scope` that satisfy `predicate`, most recently updated first.
    /// Tests every cart of the scope.
    pub fn list_carts_matching(
        &self,
        scope: Scope<'_>,
        predicate: impl Fn(&Cart) -> bool,
        offset: usize,
        limit: usize,
    ) -> Page<'_> {
        let mut page = Page::default();
        let Some(index) = self.index_of(scope) else {
            return page;
        };
        for cart in index.iter_newest().map(|handle| self.slot(handle)) {
            if predicate(cart) {
                if page.total >= offset && page.carts.len() < limit {
                    page.carts.push(cart);
                }
                page.total += 1;
            }
        }
        page
    }

    fn index_of(&self, scope: Scope<'_>) -> Option<&RecencyIndex> {
        match scope {
            Scope::All => Some(&self.recent),
            Scope::Customer(id) => self.recent_by_customer.get(id),
        }
    }

    fn handle(&self, cart_id: &str) -> Result<Handle, StoreError> {
        self.handles
            .get(cart_id)
            .copied()
            .ok_or(StoreError::CartNotFound)
    }

    fn slot(&self, handle: Handle) -> &Cart {
        self.carts[handle as usize]
            .as_ref()
            .expect("handles point at carts")
    }

    fn slot_mut(&mut self, handle: Handle) -> &mut Cart {
        self.carts[handle as usize]
            .as_mut()
            .expect("handles point at carts")
    }

    /// The timestamp and sequence number of a change happening at `now`.
    fn next_stamp(&mut self, now: Timestamp) -> (Timestamp, u64) {
        self.last_at = self.last_at.max(now);
        self.last_seq += 1;
        (self.last_at, self.last_seq)
    }

    /// Records a change to a cart: new `updated_at` and sequence number, and a new place at the
    /// top of the global index and of the index of every associated customer.
    fn touch(&mut self, handle: Handle, now: Timestamp) {
        let (at, seq) = self.next_stamp(now);
        let cart = self.carts[handle as usize]
            .as_mut()
            .expect("handles point at carts");
        let old_seq = std::mem::replace(&mut cart.seq, seq);
        cart.updated_at = at;
        self.recent.remove(old_seq);
        self.recent.push(seq, handle);
        for customer_id in &cart.customers {
            let index = self
                .recent_by_customer
                .entry(customer_id.clone())
                .or_default();
            index.remove(old_seq);
            index.push(seq, handle);
        }
    }

    fn unfile_for_customer(&mut self, customer_id: &str, seq: u64) {
        if let Some(index) = self.recent_by_customer.get_mut(customer_id) {
            index.remove(seq);
            if index.is_empty() {
                self.recent_by_customer.remove(customer_id);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cart(name: &str) -> NewCart {
        NewCart {
            name: name.to_owned(),
            ..NewCart::default()
        }
    }

    fn customer(store: &mut Store, email: &str) -> String {
        let new = NewCustomer {
            name: email.to_owned(),
            email: email.to_owned(),
            password: Some("secret".to_owned()),
            ..NewCustomer::default()
        };
        store.create_customer(new, 0).unwrap().id.clone()
    }

    fn names(page: &Page<'_>) -> Vec<String> {
        page.carts.iter().map(|cart| cart.name.clone()).collect()
    }

    #[test]
    fn changes_within_one_second_keep_their_order() {
        let mut store = Store::new();
        for name in ["a", "b", "c"] {
            store.create_cart(cart(name), 100).unwrap();
        }
        let a = store.list_carts(Scope::All, 2, 1).carts[0].id.clone();
        store.update_cart(&a, CartUpdate::default(), 100).unwrap();
        let page = store.list_carts(Scope::All, 0, 10);
        assert_eq!(names(&page), ["a", "c", "b"]);
        assert!(page.carts.iter().all(|cart| cart.updated_at == 100));
    }

    #[test]
    fn timestamps_never_go_backwards() {
        let mut store = Store::new();
        store.create_cart(cart("late"), 200).unwrap();
        let early = store.create_cart(cart("early"), 150).unwrap();
        assert_eq!(early.updated_at, 200);
        assert_eq!(
            names(&store.list_carts(Scope::All, 0, 5)),
            ["early", "late"]
        );
    }

    #[test]
    fn associating_moves_a_cart_to_the_top_of_the_customers_list() {
        let mut store = Store::new();
        let ron = customer(&mut store, "ron@swanson.com");
        let old = store.create_cart(cart("old"), 10).unwrap().id.clone();
        let new = store.create_cart(cart("new"), 20).unwrap().id.clone();
        assert_eq!(
            store.associate(Party::Customer, &new, &ron, 30),
            Ok(Link::Added)
        );
        assert_eq!(
            store.associate(Party::Customer, &old, &ron, 30),
            Ok(Link::Added)
        );
        assert_eq!(
            store.associate(Party::Customer, &old, &ron, 40),
            Ok(Link::Existing)
        );
        let page = store.list_carts(Scope::Customer(&ron), 0, 10);
        assert_eq!(page.total, 2);
        assert_eq!(names(&page), ["old", "new"]);
        assert_eq!(
            page.carts[0].updated_at, 30,
            "an existing link changes nothing"
        );
    }

    #[test]
    fn customers_see_only_their_carts() {
        let mut store = Store::new();
        let ron = customer(&mut store, "ron@swanson.com");
        let leslie = customer(&mut store, "leslie@knope.com");
        let mine = store.create_cart(cart("ron's"), 1).unwrap().id.clone();
        let hers = store.create_cart(cart("leslie's"), 1).unwrap().id.clone();
        store.associate(Party::Customer, &mine, &ron, 2).unwrap();
        store.associate(Party::Customer, &hers, &leslie, 2).unwrap();
        assert_eq!(
            names(&store.list_carts(Scope::Customer(&ron), 0, 9)),
            ["ron's"]
        );
        assert_eq!(store.list_carts(Scope::Customer("nobody"), 0, 9).total, 0);
        assert_eq!(store.dissociate(Party::Customer, &mine, &ron, 3), Ok(true));
        assert_eq!(store.dissociate(Party::Customer, &mine, &ron, 3), Ok(false));
        assert_eq!(store.list_carts(Scope::Customer(&ron), 0, 9).total, 0);
    }

    #[test]
    fn associated_carts_cannot_be_deleted() {
        let mut store = Store::new();
        let ron = customer(&mut store, "ron@swanson.com");
        let id = store.create_cart(cart("x"), 1).unwrap().id.clone();
        store.associate(Party::Customer, &id, &ron, 1).unwrap();
        assert_eq!(store.delete_cart(&id), Err(StoreError::LastCart));
        store.dissociate(Party::Customer, &id, &ron, 2).unwrap();
        assert_eq!(store.delete_cart(&id), Ok(()));
        assert_eq!(store.delete_cart(&id), Err(StoreError::CartNotFound));
        assert_eq!(store.list_carts(Scope::All, 0, 9).total, 0);
    }

    #[test]
    fn custom_ids_are_unique_and_reads_create_missing_carts() {
        let mut store = Store::new();
        let custom = NewCart {
            id: Some("mine".to_owned()),
            ..cart("x")
        };
        store.create_cart(custom.clone(), 1).unwrap();
        assert_eq!(store.create_cart(custom, 1), Err(StoreError::CartExists));
        let created = store.get_or_create_cart("fresh", 5);
        assert_eq!(created.name, DEFAULT_CART_NAME);
        assert_eq!(created.expires_at(), 5 + CART_LIFETIME);
        assert_eq!(store.cart_count(), 2);
    }

    #[test]
    fn emails_are_unique_case_insensitively_and_log_in_any_case() {
        let mut store = Store::new();
        customer(&mut store, "Ron@Swanson.com");
        let duplicate = NewCustomer {
            email: "ron@swanson.COM".to_owned(),
            ..NewCustomer::default()
        };
        assert_eq!(
            store.create_customer(duplicate, 0).map(|_| ()),
            Err(StoreError::DuplicateEmail)
        );
        assert!(store.authenticate("RON@swanson.com", "secret").is_some());
        assert!(store.authenticate("ron@swanson.com", "wrong").is_none());
    }

    #[test]
    fn filtered_listings_count_every_match() {
        let mut store = Store::new();
        for i in 0..10 {
            store.create_cart(cart(&format!("cart {i}")), i).unwrap();
        }
        let even = |cart: &Cart| cart.name.ends_with(['0', '2', '4', '6', '8']);
        let page = store.list_carts_matching(Scope::All, even, 1, 2);
        assert_eq!(page.total, 5);
        assert_eq!(names(&page), ["cart 6", "cart 4"]);
    }
}
