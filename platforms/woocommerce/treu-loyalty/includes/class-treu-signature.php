<?php
/**
 * WooCommerce's webhook signature, as WC_Webhook::generate_signature() computes
 * it: base64(HMAC-SHA256(raw body, secret)), sent as X-WC-Webhook-Signature.
 * The plugin signs its connection check with it, so a check that passes proves
 * the host accepts what WooCommerce will send.
 *
 * Plain PHP with no WordPress calls (tested by tests/).
 *
 * @package TreuLoyalty
 */

defined( 'ABSPATH' ) || exit;

/**
 * Signs and checks webhook bodies.
 */
final class Treu_Signature {

	/**
	 * The X-WC-Webhook-Signature of `$body`. WooCommerce decodes HTML entities in
	 * the stored secret first (wp_specialchars_decode); the settings only accept
	 * secrets without `&`, `<`, `>`, `"` and `'`, so the secret is used as stored.
	 *
	 * @param string $body   The raw request body.
	 * @param string $secret The webhook secret.
	 * @return string The signature.
	 */
	public static function woocommerce( string $body, string $secret ): string {
		// phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode -- the header's documented encoding.
		return base64_encode( hash_hmac( 'sha256', $body, $secret, true ) );
	}

	/**
	 * Whether `$signature` is the signature of `$body` with `$secret`, compared in constant time.
	 *
	 * @param string $body      The raw request body.
	 * @param string $secret    The webhook secret.
	 * @param string $signature The header's value.
	 * @return bool
	 */
	public static function matches( string $body, string $secret, string $signature ): bool {
		return '' !== $secret && hash_equals( self::woocommerce( $body, $secret ), $signature );
	}
}
