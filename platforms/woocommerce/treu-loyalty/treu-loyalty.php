<?php
/**
 * Plugin Name:       treu Loyalty
 * Description:       Loyalty points, VIP tiers, free-shipping progress and referrals from a treu host, with no code of your own: the storefront script, the customer's token and the order webhooks.
 * Version:           0.1.0
 * Requires at least: 6.5
 * Requires PHP:      8.1
 * Requires Plugins:  woocommerce
 * License:           MIT OR Apache-2.0
 * Text Domain:       treu-loyalty
 *
 * @package TreuLoyalty
 */

defined( 'ABSPATH' ) || exit;

define( 'TREU_LOYALTY_VERSION', '0.1.0' );
define( 'TREU_LOYALTY_DIR', plugin_dir_path( __FILE__ ) );

require_once TREU_LOYALTY_DIR . 'includes/class-treu-token.php';
require_once TREU_LOYALTY_DIR . 'includes/class-treu-signature.php';
require_once TREU_LOYALTY_DIR . 'includes/class-treu-settings-rules.php';
require_once TREU_LOYALTY_DIR . 'includes/class-treu-settings.php';
require_once TREU_LOYALTY_DIR . 'includes/class-treu-customer-token-route.php';
require_once TREU_LOYALTY_DIR . 'includes/class-treu-storefront.php';
require_once TREU_LOYALTY_DIR . 'includes/class-treu-webhooks.php';

Treu_Settings::register();
Treu_Customer_Token_Route::register();
Treu_Storefront::register();
Treu_Webhooks::register();
