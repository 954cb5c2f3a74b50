<?php
/**
 * Treu_Settings_Rules: what the settings page stores, and the error it shows per field.
 *
 * @package TreuLoyalty
 */

const STORED = array(
	'host_url'       => 'https://loyalty.shop.example',
	'script_url'     => '',
	'shop_secret'    => 'c0ffee00c0ffee00c0ffee00c0ffee00',
	'webhook_secret' => 'beef0000beef0000beef0000beef0000',
);

Check::test(
	'settings: a https host URL is stored without its trailing slash',
	static function (): void {
		list( $settings, $errors ) = Treu_Settings_Rules::clean( array( 'host_url' => ' https://treu.example.org/ ' ), STORED );
		Check::same( array(), $errors );
		Check::same( 'https://treu.example.org', $settings['host_url'] );
		Check::same( STORED['shop_secret'], $settings['shop_secret'], 'an empty secret field keeps the stored secret' );
		Check::same( 'https://treu.example.org/treu/treu.js', Treu_Settings_Rules::script_url( $settings ) );
	}
);

Check::test(
	'settings: host URLs that are not https (or http on loopback) are refused and the old one kept',
	static function (): void {
		$refused = array( 'http://treu.example.org', 'javascript:alert(1)', 'ftp://treu.example.org', 'https://treu.example.org/?x=1', 'https://u:p@treu.example.org', 'https://treu.example.org/#top', 'treu.example.org' );
		foreach ( $refused as $url ) {
			list( $settings, $errors ) = Treu_Settings_Rules::clean( array( 'host_url' => $url ), STORED );
			Check::same( array( 'host_url' ), array_keys( $errors ), $url );
			Check::same( STORED['host_url'], $settings['host_url'], $url );
		}
		list( $settings, $errors ) = Treu_Settings_Rules::clean( array( 'host_url' => 'http://127.0.0.1:8080' ), STORED );
		Check::same( array(), $errors, 'loopback' );
		Check::same( 'http://127.0.0.1:8080', $settings['host_url'] );
		list( , $errors ) = Treu_Settings_Rules::clean( array( 'host_url' => '' ), STORED );
		Check::same( array( 'host_url' ), array_keys( $errors ), 'empty' );
	}
);

Check::test(
	'settings: secrets are 32 to 256 visible characters without HTML specials and commas',
	static function (): void {
		$input = array(
			'host_url'       => STORED['host_url'],
			'shop_secret'    => 'too-short',
			'webhook_secret' => str_repeat( 'a&', 20 ),
		);
		list( $settings, $errors ) = Treu_Settings_Rules::clean( $input, STORED );
		Check::same( array( 'shop_secret', 'webhook_secret' ), array_keys( $errors ) );
		Check::same( 'A secret must be 32 to 256 characters long (it is 9).', $errors['shop_secret'] );
		Check::same( STORED['shop_secret'], $settings['shop_secret'] );
		Check::same( STORED['webhook_secret'], $settings['webhook_secret'] );
		foreach ( array( str_repeat( 'x', 31 ) . ' ', str_repeat( 'é', 20 ), str_repeat( "'", 40 ), str_repeat( 'x,', 20 ), str_repeat( 'x', 257 ) ) as $secret ) {
			Check::same( true, null !== Treu_Settings_Rules::secret_problem( $secret ), $secret );
		}
		$hex                       = bin2hex( random_bytes( 32 ) );
		list( $settings, $errors ) = Treu_Settings_Rules::clean( array( 'host_url' => STORED['host_url'], 'shop_secret' => $hex ), STORED );
		Check::same( array(), $errors );
		Check::same( $hex, $settings['shop_secret'] );
	}
);

Check::test(
	'settings: the script URL may carry a query, must be http(s), and empty means the default',
	static function (): void {
		list( $settings, $errors ) = Treu_Settings_Rules::clean( array( 'host_url' => STORED['host_url'], 'script_url' => 'https://cdn.example/treu/treu.js?v=3' ), STORED );
		Check::same( array(), $errors );
		Check::same( 'https://cdn.example/treu/treu.js?v=3', Treu_Settings_Rules::script_url( $settings ) );
		list( , $errors ) = Treu_Settings_Rules::clean( array( 'host_url' => STORED['host_url'], 'script_url' => 'data:text/javascript,alert(1)' ), STORED );
		Check::same( array( 'script_url' ), array_keys( $errors ) );
	}
);

Check::test(
	'settings: anything but a form (or missing fields) is cleaned, never stored as given',
	static function (): void {
		list( $settings, $errors ) = Treu_Settings_Rules::clean( 'host_url=https://evil.example', STORED );
		Check::same( array( 'host_url' ), array_keys( $errors ) );
		Check::same( STORED, $settings );
		list( $settings, ) = Treu_Settings_Rules::clean( array( 'host_url' => array( 'https://x.example' ), 'extra' => 'kept?' ), STORED );
		Check::same( array_keys( STORED ), array_keys( $settings ) );
		Check::same( Treu_Settings_Rules::with_defaults( null ), Treu_Settings_Rules::with_defaults( array( 'host_url' => 7 ) ) );
	}
);
