<?php
/**
 * The plugin's connection check against the real host's WooCommerce webhook
 * endpoint: a body signed by Treu_Signature with the host's
 * TREU_WOOCOMMERCE_SECRET is accepted (its topic ignored), one signed with
 * another secret is refused, exactly as WooCommerce's own deliveries would be.
 *
 * @package TreuLoyalty
 */

const WEBHOOK_SECRET = 'php-test-woocommerce-secret-0123456789';

/** The headers the plugin's "Check the connection" sends (Treu_Webhooks::check). */
function treu_connection_check_headers( string $body, string $secret ): array {
	return array(
		'Content-Type'           => 'application/json',
		'X-WC-Webhook-Source'    => 'https://shop.example/',
		'X-WC-Webhook-Topic'     => 'action.treu_connection_check',
		'X-WC-Webhook-Resource'  => 'action',
		'X-WC-Webhook-Event'     => 'treu_connection_check',
		'X-WC-Webhook-ID'        => '0',
		'X-WC-Webhook-Signature' => Treu_Signature::woocommerce( $body, $secret ),
	);
}

Check::test(
	'connection check: the host accepts the plugin\'s signature with its secret and refuses another',
	static function (): void {
		$host = new Treu_Host_Process( SHOP_SECRET, array( 'TREU_WOOCOMMERCE_SECRET' => WEBHOOK_SECRET ) );
		$body = '{"treu_connection_check":1764672000}';
		list( $status, $answer ) = $host->request( 'POST', Treu_Webhooks::HOST_PATH, treu_connection_check_headers( $body, WEBHOOK_SECRET ), $body );
		Check::same( 200, $status, 'right secret' );
		Check::same( 'ignored', $answer['outcome'] ?? null, 'a topic that moves no points' );
		list( $status, ) = $host->request( 'POST', Treu_Webhooks::HOST_PATH, treu_connection_check_headers( $body, WEBHOOK_SECRET . '-old' ), $body );
		Check::same( 401, $status, 'another secret' );
	}
);
