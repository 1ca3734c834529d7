"""One router per area of the web app; `kaoguan.web.app.ROUTER_MODULES` lists them."""
