<?php
/**
 * Runs the plugin's tests with plain php-cli (no WordPress, no Composer):
 * `php platforms/woocommerce/tests/run.php`. The token tests start the real
 * treu-host binary (TREU_HOST_BIN, default target/debug/treu-host).
 *
 * @package TreuLoyalty
 */

define( 'ABSPATH', __DIR__ . '/' );
$plugin = dirname( __DIR__ ) . '/treu-loyalty/includes/';
require_once $plugin . 'class-treu-token.php';
require_once $plugin . 'class-treu-signature.php';
require_once $plugin . 'class-treu-settings-rules.php';
require_once $plugin . 'class-treu-webhooks.php';
require_once __DIR__ . '/check.php';

foreach ( array( 'lint', 'signature', 'settings-rules', 'token', 'connection' ) as $name ) {
	require __DIR__ . "/$name-test.php";
}
exit( Check::report() );
