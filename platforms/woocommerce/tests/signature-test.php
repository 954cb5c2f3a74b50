<?php
/**
 * Treu_Signature: WooCommerce's X-WC-Webhook-Signature, base64(HMAC-SHA256(body, secret)).
 *
 * @package TreuLoyalty
 */

Check::test(
	'signature: RFC 4231 test case 2, base64-encoded',
	static function (): void {
		// HMAC-SHA256("Jefe", "what do ya want for nothing?") = 5bdcc146…ec3843 (RFC 4231, 4.3).
		$expected = base64_encode( hex2bin( '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843' ) );
		Check::same( $expected, Treu_Signature::woocommerce( 'what do ya want for nothing?', 'Jefe' ) );
	}
);

Check::test(
	'signature: a WooCommerce order body verifies with its secret only',
	static function (): void {
		$body      = '{"id":727,"status":"processing","currency":"EUR","total":"29.35","customer_id":12}';
		$secret    = str_repeat( 'ab12', 8 );
		$signature = Treu_Signature::woocommerce( $body, $secret );
		Check::same( true, Treu_Signature::matches( $body, $secret, $signature ), 'right secret' );
		Check::same( false, Treu_Signature::matches( $body, $secret . 'x', $signature ), 'wrong secret' );
		Check::same( false, Treu_Signature::matches( $body . ' ', $secret, $signature ), 'changed body' );
		Check::same( false, Treu_Signature::matches( $body, '', Treu_Signature::woocommerce( $body, '' ) ), 'empty secret' );
		Check::same( false, Treu_Signature::matches( $body, $secret, '' ), 'missing header' );
	}
);
