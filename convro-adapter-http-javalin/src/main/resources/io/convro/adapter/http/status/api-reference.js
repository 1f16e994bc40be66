// Renders /openapi.json with Swagger UI. Everything comes from this server: no validator badge (it would call
// another host), no external fonts; "Try it out" calls this same server.
window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout"
});
