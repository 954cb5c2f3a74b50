<?php
/**
 * Settings → treu Loyalty: the host URL, the shop secret, the webhook secret
 * and the script URL, registered with the Settings API and cleaned by
 * Treu_Settings_Rules. Only users who can manage WooCommerce see the page.
 *
 * @package TreuLoyalty
 */

defined( 'ABSPATH' ) || exit;

/**
 * The settings page.
 */
final class Treu_Settings {

	const PAGE       = 'treu-loyalty';
	const CAPABILITY = 'manage_woocommerce';

	/**
	 * Hooks the page into the admin.
	 */
	public static function register(): void {
		add_action( 'admin_init', array( self::class, 'register_settings' ) );
		add_action( 'admin_menu', array( self::class, 'add_page' ) );
		add_filter( 'option_page_capability_' . self::PAGE, array( self::class, 'capability' ) );
	}

	/**
	 * Who may save the settings (options.php asks through this filter).
	 *
	 * @return string
	 */
	public static function capability(): string {
		return self::CAPABILITY;
	}

	/**
	 * The option, its sanitiser and the form's fields.
	 */
	public static function register_settings(): void {
		register_setting(
			self::PAGE,
			Treu_Settings_Rules::OPTION,
			array(
				'type'              => 'array',
				'sanitize_callback' => array( self::class, 'sanitize' ),
				'default'           => Treu_Settings_Rules::with_defaults( null ),
				'show_in_rest'      => false,
			)
		);
		add_settings_section( 'treu_host', __( 'Connection to the treu host', 'treu-loyalty' ), '__return_false', self::PAGE );
		$fields = array(
			'host_url'       => array( __( 'treu host URL', 'treu-loyalty' ), 'url', __( 'Where treu-host serves /v1/, e.g. https://loyalty.shop.example.', 'treu-loyalty' ) ),
			'shop_secret'    => array( __( 'Shop secret', 'treu-loyalty' ), 'password', __( 'TREU_SHOP_SECRET of the host: signs customer tokens.', 'treu-loyalty' ) ),
			'webhook_secret' => array( __( 'WooCommerce webhook secret', 'treu-loyalty' ), 'password', __( 'TREU_WOOCOMMERCE_SECRET of the host: the secret of the WooCommerce webhooks.', 'treu-loyalty' ) ),
			'script_url'     => array( __( 'Script URL (optional)', 'treu-loyalty' ), 'url', __( 'Where treu.js is served; empty: the plugin\'s assets/treu.js if present, else the host\'s /treu/treu.js.', 'treu-loyalty' ) ),
		);
		foreach ( $fields as $key => list( $label, $type, $help ) ) {
			add_settings_field(
				'treu_' . $key,
				$label,
				array( self::class, 'render_field' ),
				self::PAGE,
				'treu_host',
				array(
					'key'       => $key,
					'type'      => $type,
					'help'      => $help,
					'label_for' => 'treu_' . $key,
				)
			);
		}
	}

	/**
	 * Cleans the submitted form (sanitize_callback of register_setting).
	 *
	 * @param mixed $input The submitted values.
	 * @return array The values to store.
	 */
	public static function sanitize( $input ): array {
		$previous = Treu_Settings_Rules::with_defaults( get_option( Treu_Settings_Rules::OPTION ) );
		if ( ! current_user_can( self::CAPABILITY ) ) {
			return $previous;
		}
		// options.php has already unslashed the submitted value.
		list( $settings, $errors ) = Treu_Settings_Rules::clean( $input, $previous );
		foreach ( $errors as $key => $message ) {
			add_settings_error( Treu_Settings_Rules::OPTION, 'treu_' . $key, $message );
		}
		return $settings;
	}

	/**
	 * Adds Settings → treu Loyalty.
	 */
	public static function add_page(): void {
		add_options_page( __( 'treu Loyalty', 'treu-loyalty' ), __( 'treu Loyalty', 'treu-loyalty' ), self::CAPABILITY, self::PAGE, array( self::class, 'render_page' ) );
	}

	/**
	 * One input. Secrets are never printed back: the field shows whether one is stored.
	 *
	 * @param array $args The field's key, type and help text.
	 */
	public static function render_field( array $args ): void {
		$settings = Treu_Settings_Rules::with_defaults( get_option( Treu_Settings_Rules::OPTION ) );
		$key      = $args['key'];
		$secret   = 'password' === $args['type'];
		printf(
			'<input type="%1$s" id="%2$s" name="%3$s" value="%4$s" class="regular-text" autocomplete="off" placeholder="%5$s">',
			esc_attr( $args['type'] ),
			esc_attr( 'treu_' . $key ),
			esc_attr( Treu_Settings_Rules::OPTION . '[' . $key . ']' ),
			$secret ? '' : esc_attr( $settings[ $key ] ),
			$secret && '' !== $settings[ $key ] ? esc_attr__( 'stored; leave empty to keep it', 'treu-loyalty' ) : ''
		);
		printf( '<p class="description">%s</p>', esc_html( $args['help'] ) );
	}

	/**
	 * The page: the form, then the webhooks and the connection check.
	 */
	public static function render_page(): void {
		if ( ! current_user_can( self::CAPABILITY ) ) {
			return;
		}
		echo '<div class="wrap"><h1>' . esc_html__( 'treu Loyalty', 'treu-loyalty' ) . '</h1>';
		settings_errors( Treu_Settings_Rules::OPTION );
		Treu_Webhooks::render_notices();
		echo '<form action="' . esc_url( admin_url( 'options.php' ) ) . '" method="post">';
		settings_fields( self::PAGE );
		do_settings_sections( self::PAGE );
		submit_button();
		echo '</form>';
		Treu_Webhooks::render_section();
		echo '</div>';
	}
}
