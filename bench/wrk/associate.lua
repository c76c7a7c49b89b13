-- wrk script: alternately associates and dissociates the customer with one of 100 carts, so
-- every request changes the store (POST answers 200, DELETE 204).
-- Environment: BENCH_TOKEN (client_credentials access token), BENCH_CUSTOMER (customer id).
local token = os.getenv("BENCH_TOKEN")
local customer = os.getenv("BENCH_CUSTOMER")
local body = '{"data":[{"type":"customer","id":"' .. customer .. '"}]}'
local headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
local n = 0

function request()
  n = n + 1
  local cart = "load-cart-" .. (math.floor(n / 2) % 100)
  local method = (n % 2 == 1) and "POST" or "DELETE"
  return wrk.format(method, "/v2/carts/" .. cart .. "/relationships/customers", headers, body)
end
