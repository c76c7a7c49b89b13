//! What a cart holds: product and custom items, their tax items and custom discounts, the cart's
//! own custom discounts and the promotions applied to it, and the rules for changing them.
//!
//! Each operation either succeeds whole or returns an error having changed nothing; the store
//! also restores the cart when a later step of a bulk request fails (see
//! [`Store::edit_cart`](super::Store::edit_cart)).

use uuid::Uuid;

use super::{Cart, StoreError};
use crate::catalog::{Product, Promotion};
use crate::clock::Timestamp;
use crate::money::{Rate, MAX_UNIT_PRICE};

/// Largest quantity of one item, also after quantities are merged.
pub const MAX_QUANTITY: u64 = 1_000_000;
/// Most items (lines) a cart holds.
pub const MAX_ITEMS: usize = 100;
/// Most tax items on one cart item (the API's documented limit).
pub const MAX_TAXES_PER_ITEM: usize = 5;
/// Most custom discounts on a cart, and on each of its items (the API's default limit).
pub const MAX_CUSTOM_DISCOUNTS: usize = 5;
/// Largest custom discount, in cents (as a positive number).
pub const MAX_DISCOUNT: i64 = MAX_UNIT_PRICE;

/// What an item is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemKind {
    /// A product of the catalog (`cart_item`).
    Product { product_id: String },
    /// A line with its own name and price (`custom_item`).
    Custom,
}

/// An item (a line) of a cart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CartItem {
    pub id: String,
    pub kind: ItemKind,
    pub name: String,
    pub sku: String,
    pub slug: String,
    pub description: String,
    pub quantity: u64,
    /// Price of one unit, in cents.
    pub unit_price: i64,
    /// Whether `unit_price` includes tax (custom items may say so; products never do).
    pub includes_tax: bool,
    pub taxes: Vec<TaxItem>,
    pub custom_discounts: Vec<CustomDiscount>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl CartItem {
    /// The API's `type` of the item.
    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            ItemKind::Product { .. } => "cart_item",
            ItemKind::Custom => "custom_item",
        }
    }

    /// The catalog product, for product items.
    pub fn product_id(&self) -> Option<&str> {
        match &self.kind {
            ItemKind::Product { product_id } => Some(product_id),
            ItemKind::Custom => None,
        }
    }
}

/// A tax applied to a cart item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaxItem {
    pub id: String,
    pub name: String,
    pub jurisdiction: String,
    pub code: String,
    pub rate: Rate,
}

/// The fields of a tax item a client sets; for an update, `None` keeps the current value.
#[derive(Debug, Clone, Default)]
pub struct TaxFields {
    pub name: Option<String>,
    pub jurisdiction: Option<String>,
    pub code: Option<String>,
    pub rate: Option<Rate>,
}

/// A discount computed outside the store (by a discount engine) and applied to a cart or an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomDiscount {
    pub id: String,
    /// Negative, in cents.
    pub amount: i64,
    pub description: String,
    pub discount_code: String,
    pub discount_engine: String,
    pub external_id: String,
}

/// The fields of a custom discount a client sets; for an update, `None` keeps the current value.
#[derive(Debug, Clone, Default)]
pub struct DiscountFields {
    pub amount: Option<i64>,
    pub description: Option<String>,
    pub discount_code: Option<String>,
    pub discount_engine: Option<String>,
    pub external_id: Option<String>,
}

/// What is needed to add a custom item.
#[derive(Debug, Clone, Default)]
pub struct NewCustomItem {
    pub name: String,
    pub sku: String,
    pub description: String,
    pub quantity: u64,
    pub unit_price: i64,
    pub includes_tax: bool,
}

/// A tax item or a custom discount: an entry of a list, found by its id.
trait Entry {
    fn id(&self) -> &str;
    /// The error for an id the list does not hold.
    fn not_found() -> StoreError;
}

impl Entry for TaxItem {
    fn id(&self) -> &str {
        &self.id
    }
    fn not_found() -> StoreError {
        StoreError::TaxNotFound
    }
}

impl Entry for CustomDiscount {
    fn id(&self) -> &str {
        &self.id
    }
    fn not_found() -> StoreError {
        StoreError::DiscountNotFound
    }
}

/// The entry with this id.
fn find_mut<'a, T: Entry>(list: &'a mut [T], id: &str) -> Result<&'a mut T, StoreError> {
    list.iter_mut()
        .find(|entry| entry.id() == id)
        .ok_or_else(T::not_found)
}

/// Removes the entry with this id.
fn remove_entry<T: Entry>(list: &mut Vec<T>, id: &str) -> Result<(), StoreError> {
    let before = list.len();
    list.retain(|entry| entry.id() != id);
    if list.len() == before {
        return Err(T::not_found());
    }
    Ok(())
}

/// Sets `field` to `value` when an update gives one.
fn set<T>(field: &mut T, value: Option<T>) {
    if let Some(value) = value {
        *field = value;
    }
}

fn new_id() -> String {
    Uuid::new_v4().to_string()
}

fn merged_quantity(current: u64, added: u64) -> Result<u64, StoreError> {
    current
        .checked_add(added)
        .filter(|&total| total <= MAX_QUANTITY)
        .ok_or(StoreError::QuantityTooLarge)
}

impl Cart {
    fn item_index(&self, item_id: &str) -> Result<usize, StoreError> {
        self.items
            .iter()
            .position(|item| item.id == item_id)
            .ok_or(StoreError::ItemNotFound)
    }

    fn item_mut(&mut self, item_id: &str) -> Result<&mut CartItem, StoreError> {
        let index = self.item_index(item_id)?;
        Ok(&mut self.items[index])
    }

    /// The item with this id.
    pub fn item(&self, item_id: &str) -> Result<&CartItem, StoreError> {
        self.item_index(item_id).map(|index| &self.items[index])
    }

    fn push_item(&mut self, item: CartItem) -> Result<(), StoreError> {
        if self.items.len() >= MAX_ITEMS {
            return Err(StoreError::TooManyItems);
        }
        self.items.push(item);
        Ok(())
    }

    /// Adds `quantity` of a product; a product already in the cart gets the quantities summed.
    /// Returns the item's id.
    pub fn add_product(
        &mut self,
        product: &Product,
        quantity: u64,
        now: Timestamp,
    ) -> Result<String, StoreError> {
        if let Some(item) = self
            .items
            .iter_mut()
            .find(|item| item.product_id() == Some(product.id.as_str()))
        {
            item.quantity = merged_quantity(item.quantity, quantity)?;
            item.updated_at = now;
            return Ok(item.id.clone());
        }
        let id = new_id();
        self.push_item(CartItem {
            id: id.clone(),
            kind: ItemKind::Product {
                product_id: product.id.clone(),
            },
            name: product.name.clone(),
            sku: product.sku.clone(),
            slug: product.slug.clone(),
            description: product.description.clone(),
            quantity: merged_quantity(0, quantity)?,
            unit_price: product.price,
            includes_tax: false,
            taxes: Vec::new(),
            custom_discounts: Vec::new(),
            created_at: now,
            updated_at: now,
        })?;
        Ok(id)
    }

    /// Adds a custom item; a custom item with the same non-empty SKU gets the quantities summed
    /// (as the API documents). Returns the item's id.
    pub fn add_custom(&mut self, new: NewCustomItem, now: Timestamp) -> Result<String, StoreError> {
        if !new.sku.is_empty() {
            if let Some(item) = self
                .items
                .iter_mut()
                .find(|item| item.kind == ItemKind::Custom && item.sku == new.sku)
            {
                item.quantity = merged_quantity(item.quantity, new.quantity)?;
                item.updated_at = now;
                return Ok(item.id.clone());
            }
        }
        let id = new_id();
        self.push_item(CartItem {
            id: id.clone(),
            kind: ItemKind::Custom,
            name: new.name,
            slug: String::new(),
            sku: new.sku,
            description: new.description,
            quantity: merged_quantity(0, new.quantity)?,
            unit_price: new.unit_price,
            includes_tax: new.includes_tax,
            taxes: Vec::new(),
            custom_discounts: Vec::new(),
            created_at: now,
            updated_at: now,
        })?;
        Ok(id)
    }

    /// Adds the items of another cart (a guest cart being merged into a customer's): products
    /// and same-SKU custom items sum their quantities. Taxes and custom discounts stay behind.
    pub fn merge_items(&mut self, items: &[CartItem], now: Timestamp) -> Result<(), StoreError> {
        for item in items {
            match &item.kind {
                ItemKind::Product { product_id } => {
                    let product = Product {
                        id: product_id.clone(),
                        name: item.name.clone(),
                        sku: item.sku.clone(),
                        slug: item.slug.clone(),
                        description: item.description.clone(),
                        price: item.unit_price,
                    };
                    self.add_product(&product, item.quantity, now)?;
                }
                ItemKind::Custom => {
                    let new = NewCustomItem {
                        name: item.name.clone(),
                        sku: item.sku.clone(),
                        description: item.description.clone(),
                        quantity: item.quantity,
                        unit_price: item.unit_price,
                        includes_tax: item.includes_tax,
                    };
                    self.add_custom(new, now)?;
                }
            }
        }
        Ok(())
    }

    /// Applies a promotion; applying it again changes nothing.
    pub fn apply_promotion(&mut self, promotion: &Promotion) {
        if !self.promotions.iter().any(|p| p.id == promotion.id) {
            self.promotions.push(promotion.clone());
        }
    }

    /// Removes the promotion with this code (any case); returns whether it was applied.
    pub fn remove_promotion(&mut self, code: &str) -> bool {
        let before = self.promotions.len();
        self.promotions
            .retain(|promotion| !promotion.code.eq_ignore_ascii_case(code));
        self.promotions.len() != before
    }

    /// Sets an item's quantity; 0 removes the item.
    pub fn set_quantity(
        &mut self,
        item_id: &str,
        quantity: u64,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        if quantity == 0 {
            return self.remove_item(item_id);
        }
        let quantity = merged_quantity(0, quantity)?;
        let item = self.item_mut(item_id)?;
        item.quantity = quantity;
        item.updated_at = now;
        Ok(())
    }

    /// Removes an item.
    pub fn remove_item(&mut self, item_id: &str) -> Result<(), StoreError> {
        let index = self.item_index(item_id)?;
        self.items.remove(index);
        Ok(())
    }

    /// Empties the cart: items, promotions and the cart's custom discounts.
    pub fn clear_items(&mut self) {
        self.items.clear();
        self.promotions.clear();
        self.custom_discounts.clear();
    }

    /// Adds a tax item to an item; returns its id.
    pub fn add_tax(
        &mut self,
        item_id: &str,
        fields: TaxFields,
        now: Timestamp,
    ) -> Result<String, StoreError> {
        let item = self.item_mut(item_id)?;
        if item.taxes.len() >= MAX_TAXES_PER_ITEM {
            return Err(StoreError::TaxLimit);
        }
        let id = new_id();
        item.taxes.push(TaxItem {
            id: id.clone(),
            name: fields.name.unwrap_or_default(),
            jurisdiction: fields.jurisdiction.unwrap_or_default(),
            code: fields.code.unwrap_or_default(),
            rate: fields.rate.unwrap_or_default(),
        });
        item.updated_at = now;
        Ok(id)
    }

    /// Changes the fields of a tax item that `fields` sets.
    pub fn update_tax(
        &mut self,
        item_id: &str,
        tax_id: &str,
        fields: TaxFields,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let item = self.item_mut(item_id)?;
        let tax = find_mut(&mut item.taxes, tax_id)?;
        set(&mut tax.name, fields.name);
        set(&mut tax.jurisdiction, fields.jurisdiction);
        set(&mut tax.code, fields.code);
        set(&mut tax.rate, fields.rate);
        item.updated_at = now;
        Ok(())
    }

    /// Removes a tax item.
    pub fn remove_tax(&mut self, item_id: &str, tax_id: &str) -> Result<(), StoreError> {
        remove_entry(&mut self.item_mut(item_id)?.taxes, tax_id)
    }

    /// Removes every tax item of every item.
    pub fn clear_taxes(&mut self) {
        for item in &mut self.items {
            item.taxes.clear();
        }
    }

    /// The custom discounts of the cart (`item_id` `None`) or of one of its items.
    fn discounts_mut(
        &mut self,
        item_id: Option<&str>,
    ) -> Result<&mut Vec<CustomDiscount>, StoreError> {
        match item_id {
            None => Ok(&mut self.custom_discounts),
            Some(item_id) => Ok(&mut self.item_mut(item_id)?.custom_discounts),
        }
    }

    /// Adds a custom discount to the cart or to one of its items; returns its id. The cart's
    /// `discount_settings.custom_discounts_enabled` must be set.
    pub fn add_custom_discount(
        &mut self,
        item_id: Option<&str>,
        fields: DiscountFields,
    ) -> Result<String, StoreError> {
        if !self.discount_settings.custom_discounts_enabled {
            return Err(StoreError::CustomDiscountsDisabled);
        }
        let discounts = self.discounts_mut(item_id)?;
        if discounts.len() >= MAX_CUSTOM_DISCOUNTS {
            return Err(if item_id.is_some() {
                StoreError::ItemDiscountLimit
            } else {
                StoreError::CartDiscountLimit
            });
        }
        let id = new_id();
        discounts.push(CustomDiscount {
            id: id.clone(),
            amount: fields.amount.unwrap_or_default(),
            description: fields.description.unwrap_or_default(),
            discount_code: fields.discount_code.unwrap_or_default(),
            discount_engine: fields.discount_engine.unwrap_or_default(),
            external_id: fields.external_id.unwrap_or_default(),
        });
        Ok(id)
    }

    /// Changes the fields of a custom discount that `fields` sets.
    pub fn update_custom_discount(
        &mut self,
        item_id: Option<&str>,
        discount_id: &str,
        fields: DiscountFields,
    ) -> Result<(), StoreError> {
        let discount = find_mut(self.discounts_mut(item_id)?, discount_id)?;
        set(&mut discount.amount, fields.amount);
        set(&mut discount.description, fields.description);
        set(&mut discount.discount_code, fields.discount_code);
        set(&mut discount.discount_engine, fields.discount_engine);
        set(&mut discount.external_id, fields.external_id);
        Ok(())
    }

    /// Removes a custom discount of the cart or of one of its items.
    pub fn remove_custom_discount(
        &mut self,
        item_id: Option<&str>,
        discount_id: &str,
    ) -> Result<(), StoreError> {
        remove_entry(self.discounts_mut(item_id)?, discount_id)
    }

    /// The custom discount of the cart or of one of its items with this id.
    pub fn custom_discount(
        &self,
        item_id: Option<&str>,
        discount_id: &str,
    ) -> Result<&CustomDiscount, StoreError> {
        let discounts = match item_id {
            None => &self.custom_discounts,
            Some(item_id) => &self.item(item_id)?.custom_discounts,
        };
        discounts
            .iter()
            .find(|discount| discount.id == discount_id)
            .ok_or(StoreError::DiscountNotFound)
    }

    /// Removes the cart's own custom discounts (those of its items stay).
    pub fn clear_custom_discounts(&mut self) {
        self.custom_discounts.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{NewCart, Store};

    fn product(id: &str, price: i64) -> Product {
        Product {
            id: id.to_owned(),
            name: id.to_owned(),
            sku: id.to_uppercase(),
            slug: id.to_owned(),
            description: String::new(),
            price,
        }
    }

    fn empty_cart() -> Cart {
        let mut store = Store::new();
        store.create_cart(NewCart::default(), 0).unwrap().clone()
    }

    #[test]
    fn the_same_product_or_custom_sku_merges_quantities() {
        let mut cart = empty_cart();
        let first = cart.add_product(&product("p", 100), 2, 1).unwrap();
        let again = cart.add_product(&product("p", 100), 3, 2).unwrap();
        assert_eq!(first, again);
        assert_eq!(cart.items[0].quantity, 5);
        assert_eq!(cart.items[0].updated_at, 2);
        let custom = NewCustomItem {
            name: "c".into(),
            sku: "s".into(),
            quantity: 1,
            unit_price: 10,
            ..NewCustomItem::default()
        };
        cart.add_custom(custom.clone(), 3).unwrap();
        cart.add_custom(custom.clone(), 3).unwrap();
        cart.add_custom(
            NewCustomItem {
                sku: String::new(),
                ..custom.clone()
            },
            3,
        )
        .unwrap();
        cart.add_custom(
            NewCustomItem {
                sku: String::new(),
                ..custom
            },
            3,
        )
        .unwrap();
        assert_eq!(cart.items.len(), 4, "empty SKUs never merge");
        assert_eq!(cart.items[1].quantity, 2);
    }

    #[test]
    fn quantities_and_lines_are_bounded() {
        let mut cart = empty_cart();
        let id = cart.add_product(&product("p", 1), MAX_QUANTITY, 0).unwrap();
        assert_eq!(
            cart.add_product(&product("p", 1), 1, 0),
            Err(StoreError::QuantityTooLarge)
        );
        assert_eq!(cart.items[0].quantity, MAX_QUANTITY, "unchanged");
        cart.set_quantity(&id, 0, 1).unwrap();
        assert!(cart.items.is_empty(), "quantity 0 removes the item");
        for i in 0..MAX_ITEMS {
            cart.add_product(&product(&format!("p{i}"), 1), 1, 0)
                .unwrap();
        }
        assert_eq!(
            cart.add_product(&product("one-more", 1), 1, 0),
            Err(StoreError::TooManyItems)
        );
    }

    #[test]
    fn taxes_and_discounts_have_limits() {
        let mut cart = empty_cart();
        let item = cart.add_product(&product("p", 100), 1, 0).unwrap();
        for _ in 0..MAX_TAXES_PER_ITEM {
            cart.add_tax(&item, TaxFields::default(), 0).unwrap();
        }
        assert_eq!(
            cart.add_tax(&item, TaxFields::default(), 0),
            Err(StoreError::TaxLimit)
        );
        assert_eq!(
            cart.add_custom_discount(None, DiscountFields::default()),
            Err(StoreError::CustomDiscountsDisabled)
        );
        cart.discount_settings.custom_discounts_enabled = true;
        for _ in 0..MAX_CUSTOM_DISCOUNTS {
            cart.add_custom_discount(Some(&item), DiscountFields::default())
                .unwrap();
        }
        assert_eq!(
            cart.add_custom_discount(Some(&item), DiscountFields::default()),
            Err(StoreError::ItemDiscountLimit)
        );
        assert_eq!(
            cart.add_custom_discount(Some("nope"), DiscountFields::default()),
            Err(StoreError::ItemNotFound)
        );
    }
}
