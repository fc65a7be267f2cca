export function SiteFooter() {
  return (
    <footer className="site-footer">
      <div className="container site-footer__inner">
        <p>
          Juniper Goods is a demo shop for{" "}
          <strong>Login with Link for Auth.js</strong>. Nothing is for sale and
          no card is charged.
        </p>
        <p>Free shipping over $50 · 30-day returns · Made in small batches</p>
      </div>
    </footer>
  )
}
