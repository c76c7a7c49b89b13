// No favicon to ask for: the test fails on any request that fails.
export const metadata = { title: 'Next.js storefront using epcc-carts', icons: { icon: 'data:,' } };

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
