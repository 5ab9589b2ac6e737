// Stripe's payment element (card, Alipay, WeChat Pay) on the one page that needs JavaScript.
// The page's form carries the publishable key, client secret and return address as data
// attributes: no inline script. Stripe sends the buyer back to the return address.
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("payment-form");
    if (!form || typeof window.Stripe !== "function") { return; }
    var message = document.getElementById("payment-message");
    var button = form.querySelector("button[type='submit']");
    var stripe = window.Stripe(form.dataset.publishableKey);
    var elements = stripe.elements({
      clientSecret: form.dataset.clientSecret,
      locale: document.documentElement.lang === "en" ? "en" : "zh",
    });
    elements.create("payment").mount("#payment-element");
    form.hidden = false;

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      button.disabled = true;
      stripe.confirmPayment({
        elements: elements,
        confirmParams: { return_url: form.dataset.returnUrl },
      }).then(function (result) {
        if (result.error) {
          message.textContent = result.error.message;
          button.disabled = false;
        }
      });
    });
  });
})();
