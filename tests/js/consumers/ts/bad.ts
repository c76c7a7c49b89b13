// Wrong argument types: `tsc --noEmit --strict` must reject every marked line with TS2345
// ("Argument of type ... is not assignable to parameter of type ...").
import { gateway } from 'epcc-carts';

const EPCC = gateway({ client_id: 'client-id' });
// (No expect-error comments here: the test counts the errors tsc reports, line by line.)
EPCC.Carts.AddCustomerAssociation(42, 'token'); // BAD: customer id must be a string
EPCC.Carts.GetCartsList({ token: 'x' }); // BAD: token must be a string
EPCC.Customers.Token('ron@swanson.com', 12345); // BAD: password must be a string
EPCC.Carts.Limit('10'); // BAD: Limit takes a number
EPCC.Carts.AddProduct('product-id', '2'); // BAD: quantity must be a number
EPCC.Carts.AddPromotion(10); // BAD: a promotion code is a string
EPCC.Carts.Checkout('customer-id', 'billing'); // BAD: the billing address is an object
EPCC.Orders.Get(42); // BAD: order ids are strings
