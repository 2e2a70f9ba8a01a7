-- sakila: schema by mysqldump, 3 rows a table closed over the foreign keys

/*M!999999\- enable the sandbox mode */ 

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
/*!40103 SET TIME_ZONE='+00:00' */;
/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;
DROP TABLE IF EXISTS `actor`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `actor` (
  `actor_id` smallint(5) unsigned NOT NULL AUTO_INCREMENT,
  `first_name` varchar(45) NOT NULL,
  `last_name` varchar(45) NOT NULL,
  `last_update` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  PRIMARY KEY (`actor_id`),
  KEY `idx_actor_last_name` (`last_name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `actor_info`;
/*!50001 DROP VIEW IF EXISTS `actor_info`*/;
SET @saved_cs_client     = @@character_set_client;
SET character_set_client = utf8mb4;
/*!50001 CREATE VIEW `actor_info` AS SELECT
 NULL AS `actor_id`,
 NULL AS `first_name`,
 NULL AS `last_name`,
 NULL AS `film_info` */;
SET character_set_client = @saved_cs_client;
DROP TABLE IF EXISTS `address`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `address` (
  `address_id` smallint(5) unsigned NOT NULL AUTO_INCREMENT,
  `address` varchar(50) NOT NULL,
  `address2` varchar(50) DEFAULT NULL,
  `district` varchar(20) NOT NULL,
  `city_id` smallint(5) unsigned NOT NULL,
  `postal_code` varchar(10) DEFAULT NULL,
  `phone` varchar(20) NOT NULL,
  `last_update` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  PRIMARY KEY (`address_id`),
  KEY `idx_fk_city_id` (`city_id`),
  CONSTRAINT `fk_address_city` FOREIGN KEY (`city_id`) REFERENCES `city` (`city_id`) ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `category`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `category` (
  `category_id` tinyint(3) unsigned NOT NULL AUTO_INCREMENT,
  `name` varchar(25) NOT NULL,
  `last_update` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  PRIMARY KEY (`category_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `city`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `city` (
  `city_id` smallint(5) unsigned NOT NULL AUTO_INCREMENT,
  `city` varchar(50) NOT NULL,
  `country_id` smallint(5) unsigned NOT NULL,
  `last_update` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  PRIMARY KEY (`city_id`),
  KEY `idx_fk_country_id` (`country_id`),
  CONSTRAINT `fk_city_country` FOREIGN KEY (`country_id`) REFERENCES `country` (`country_id`) ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `country`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `country` (
  `country_id` smallint(5) unsigned NOT NULL AUTO_INCREMENT,
  `country` varchar(50) NOT NULL,
  `last_update` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  PRIMARY KEY (`country_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `customer`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `customer` (
  `customer_id` smallint(5) unsigned NOT NULL AUTO_INCREMENT,
  `store_id` tinyint(3) unsigned NOT NULL,
  `first_name` varchar(45) NOT NULL,
  `last_name` varchar(45) NOT NULL,
  `email` varchar(50) DEFAULT NULL,
  `address_id` smallint(5) unsigned NOT NULL,
  `active` tinyint(1) NOT NULL DEFAULT 1,
  `create_date` datetime NOT NULL,
  `last_update` timestamp NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  PRIMARY KEY (`customer_id`),
  KEY `idx_fk_store_id` (`store_id`),
  KEY `idx_fk_address_id` (`address_id`),
  KEY `idx_last_name` (`last_name`),
  CONSTRAINT `fk_customer_address` FOREIGN KEY (`address_id`) REFERENCES `address` (`address_id`) ON UPDATE CASCADE,
  CONSTRAINT `fk_customer_store` FOREIGN KEY (`store_id`) REFERENCES `store` (`store_id`) ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `customer_list`;
/*!50001 DROP VIEW IF EXISTS `customer_list`*/;
SET @saved_cs_client     = @@character_set_client;
SET character_set_client = utf8mb4;
/*!50001 CREATE VIEW `customer_list` AS SELECT
 NULL AS `ID`,
 NULL AS `name`,
 NULL AS `address`,
 NULL AS `zip code`,
 NULL AS `phone`,
 NULL AS `city`,
 NULL AS `country`,
 NULL AS `notes`,
 NULL AS `SID` */;
SET character_set_client = @saved_cs_client;
DROP TABLE IF EXISTS `film`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `film` (
  `film_id` smallint(5) unsigned NOT NULL AUTO_INCREMENT,
  `title` varchar(255) NOT NULL,
  `description` text DEFAULT NULL,
  `release_year` year(4) DEFAULT NULL,
  `language_id` tinyint(3) unsigned NOT NULL,
  `original_language_id` tinyint(3) unsigned DEFAULT NULL,
  `rental_duration` tinyint(3) unsigned NOT NULL DEFAULT 3,
  `rental_rate` decimal(4,2) NOT NULL DEFAULT 4.99,
  `length` smallint(5) unsigned DEFAULT NULL,
  `replacement_cost` decimal(5,2) NOT NULL DEFAULT 19.99,
  `rating` enum('G','PG','PG-13','R','NC-17') DEFAULT 'G',
  `special_features` set('Trailers','Commentaries','Deleted Scenes','Behind the Scenes') DEFAULT NULL,
  `last_update` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  PRIMARY KEY (`film_id`),
  KEY `idx_title` (`title`),
  KEY `idx_fk_language_id` (`language_id`),
  KEY `idx_fk_original_language_id` (`original_language_id`),
  CONSTRAINT `fk_film_language` FOREIGN KEY (`language_id`) REFERENCES `language` (`language_id`) ON UPDATE CASCADE,
  CONSTRAINT `fk_film_language_original` FOREIGN KEY (`original_language_id`) REFERENCES `language` (`language_id`) ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `film_actor`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `film_actor` (
  `actor_id` smallint(5) unsigned NOT NULL,
  `film_id` smallint(5) unsigned NOT NULL,
  `last_update` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  PRIMARY KEY (`actor_id`,`film_id`),
  KEY `idx_fk_film_id` (`film_id`),
  CONSTRAINT `fk_film_actor_actor` FOREIGN KEY (`actor_id`) REFERENCES `actor` (`actor_id`) ON UPDATE CASCADE,
  CONSTRAINT `fk_film_actor_film` FOREIGN KEY (`film_id`) REFERENCES `film` (`film_id`) ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `film_category`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `film_category` (
  `film_id` smallint(5) unsigned NOT NULL,
  `category_id` tinyint(3) unsigned NOT NULL,
  `last_update` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  PRIMARY KEY (`film_id`,`category_id`),
  KEY `fk_film_category_category` (`category_id`),
  CONSTRAINT `fk_film_category_category` FOREIGN KEY (`category_id`) REFERENCES `category` (`category_id`) ON UPDATE CASCADE,
  CONSTRAINT `fk_film_category_film` FOREIGN KEY (`film_id`) REFERENCES `film` (`film_id`) ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `film_list`;
/*!50001 DROP VIEW IF EXISTS `film_list`*/;
SET @saved_cs_client     = @@character_set_client;
SET character_set_client = utf8mb4;
/*!50001 CREATE VIEW `film_list` AS SELECT
 NULL AS `FID`,
 NULL AS `title`,
 NULL AS `description`,
 NULL AS `category`,
 NULL AS `price`,
 NULL AS `length`,
 NULL AS `rating`,
 NULL AS `actors` */;
SET character_set_client = @saved_cs_client;
DROP TABLE IF EXISTS `film_text`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `film_text` (
  `film_id` smallint(6) NOT NULL,
  `title` varchar(255) NOT NULL,
  `description` text DEFAULT NULL,
  PRIMARY KEY (`film_id`),
  FULLTEXT KEY `idx_title_description` (`title`,`description`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `inventory`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `inventory` (
  `inventory_id` mediumint(8) unsigned NOT NULL AUTO_INCREMENT,
  `film_id` smallint(5) unsigned NOT NULL,
  `store_id` tinyint(3) unsigned NOT NULL,
  `last_update` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  PRIMARY KEY (`inventory_id`),
  KEY `idx_fk_film_id` (`film_id`),
  KEY `idx_store_id_film_id` (`store_id`,`film_id`),
  CONSTRAINT `fk_inventory_film` FOREIGN KEY (`film_id`) REFERENCES `film` (`film_id`) ON UPDATE CASCADE,
  CONSTRAINT `fk_inventory_store` FOREIGN KEY (`store_id`) REFERENCES `store` (`store_id`) ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `language`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `language` (
  `language_id` tinyint(3) unsigned NOT NULL AUTO_INCREMENT,
  `name` char(20) NOT NULL,
  `last_update` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  PRIMARY KEY (`language_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `nicer_but_slower_film_list`;
/*!50001 DROP VIEW IF EXISTS `nicer_but_slower_film_list`*/;
SET @saved_cs_client     = @@character_set_client;
SET character_set_client = utf8mb4;
/*!50001 CREATE VIEW `nicer_but_slower_film_list` AS SELECT
 NULL AS `FID`,
 NULL AS `title`,
 NULL AS `description`,
 NULL AS `category`,
 NULL AS `price`,
 NULL AS `length`,
 NULL AS `rating`,
 NULL AS `actors` */;
SET character_set_client = @saved_cs_client;
DROP TABLE IF EXISTS `payment`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `payment` (
  `payment_id` smallint(5) unsigned NOT NULL AUTO_INCREMENT,
  `customer_id` smallint(5) unsigned NOT NULL,
  `staff_id` tinyint(3) unsigned NOT NULL,
  `rental_id` int(11) DEFAULT NULL,
  `amount` decimal(5,2) NOT NULL,
  `payment_date` datetime NOT NULL,
  `last_update` timestamp NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  PRIMARY KEY (`payment_id`),
  KEY `idx_fk_staff_id` (`staff_id`),
  KEY `idx_fk_customer_id` (`customer_id`),
  KEY `fk_payment_rental` (`rental_id`),
  CONSTRAINT `fk_payment_customer` FOREIGN KEY (`customer_id`) REFERENCES `customer` (`customer_id`) ON UPDATE CASCADE,
  CONSTRAINT `fk_payment_rental` FOREIGN KEY (`rental_id`) REFERENCES `rental` (`rental_id`) ON DELETE SET NULL ON UPDATE CASCADE,
  CONSTRAINT `fk_payment_staff` FOREIGN KEY (`staff_id`) REFERENCES `staff` (`staff_id`) ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `rental`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `rental` (
  `rental_id` int(11) NOT NULL AUTO_INCREMENT,
  `rental_date` datetime NOT NULL,
  `inventory_id` mediumint(8) unsigned NOT NULL,
  `customer_id` smallint(5) unsigned NOT NULL,
  `return_date` datetime DEFAULT NULL,
  `staff_id` tinyint(3) unsigned NOT NULL,
  `last_update` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  PRIMARY KEY (`rental_id`),
  UNIQUE KEY `rental_date` (`rental_date`,`inventory_id`,`customer_id`),
  KEY `idx_fk_inventory_id` (`inventory_id`),
  KEY `idx_fk_customer_id` (`customer_id`),
  KEY `idx_fk_staff_id` (`staff_id`),
  CONSTRAINT `fk_rental_customer` FOREIGN KEY (`customer_id`) REFERENCES `customer` (`customer_id`) ON UPDATE CASCADE,
  CONSTRAINT `fk_rental_inventory` FOREIGN KEY (`inventory_id`) REFERENCES `inventory` (`inventory_id`) ON UPDATE CASCADE,
  CONSTRAINT `fk_rental_staff` FOREIGN KEY (`staff_id`) REFERENCES `staff` (`staff_id`) ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `sales_by_film_category`;
/*!50001 DROP VIEW IF EXISTS `sales_by_film_category`*/;
SET @saved_cs_client     = @@character_set_client;
SET character_set_client = utf8mb4;
/*!50001 CREATE VIEW `sales_by_film_category` AS SELECT
 NULL AS `category`,
 NULL AS `total_sales` */;
SET character_set_client = @saved_cs_client;
DROP TABLE IF EXISTS `sales_by_store`;
/*!50001 DROP VIEW IF EXISTS `sales_by_store`*/;
SET @saved_cs_client     = @@character_set_client;
SET character_set_client = utf8mb4;
/*!50001 CREATE VIEW `sales_by_store` AS SELECT
 NULL AS `store`,
 NULL AS `manager`,
 NULL AS `total_sales` */;
SET character_set_client = @saved_cs_client;
DROP TABLE IF EXISTS `staff`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `staff` (
  `staff_id` tinyint(3) unsigned NOT NULL AUTO_INCREMENT,
  `first_name` varchar(45) NOT NULL,
  `last_name` varchar(45) NOT NULL,
  `address_id` smallint(5) unsigned NOT NULL,
  `picture` blob DEFAULT NULL,
  `email` varchar(50) DEFAULT NULL,
  `store_id` tinyint(3) unsigned NOT NULL,
  `active` tinyint(1) NOT NULL DEFAULT 1,
  `username` varchar(16) NOT NULL,
  `password` varchar(40) CHARACTER SET utf8mb3 COLLATE utf8mb3_bin DEFAULT NULL,
  `last_update` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  PRIMARY KEY (`staff_id`),
  KEY `idx_fk_store_id` (`store_id`),
  KEY `idx_fk_address_id` (`address_id`),
  CONSTRAINT `fk_staff_address` FOREIGN KEY (`address_id`) REFERENCES `address` (`address_id`) ON UPDATE CASCADE,
  CONSTRAINT `fk_staff_store` FOREIGN KEY (`store_id`) REFERENCES `store` (`store_id`) ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `staff_list`;
/*!50001 DROP VIEW IF EXISTS `staff_list`*/;
SET @saved_cs_client     = @@character_set_client;
SET character_set_client = utf8mb4;
/*!50001 CREATE VIEW `staff_list` AS SELECT
 NULL AS `ID`,
 NULL AS `name`,
 NULL AS `address`,
 NULL AS `zip code`,
 NULL AS `phone`,
 NULL AS `city`,
 NULL AS `country`,
 NULL AS `SID` */;
SET character_set_client = @saved_cs_client;
DROP TABLE IF EXISTS `store`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `store` (
  `store_id` tinyint(3) unsigned NOT NULL AUTO_INCREMENT,
  `manager_staff_id` tinyint(3) unsigned NOT NULL,
  `address_id` smallint(5) unsigned NOT NULL,
  `last_update` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  PRIMARY KEY (`store_id`),
  UNIQUE KEY `idx_unique_manager` (`manager_staff_id`),
  KEY `idx_fk_address_id` (`address_id`),
  CONSTRAINT `fk_store_address` FOREIGN KEY (`address_id`) REFERENCES `address` (`address_id`) ON UPDATE CASCADE,
  CONSTRAINT `fk_store_staff` FOREIGN KEY (`manager_staff_id`) REFERENCES `staff` (`staff_id`) ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
/*!50003 SET @saved_sql_mode       = @@sql_mode */ ;
/*!50003 SET sql_mode              = 'STRICT_TRANS_TABLES,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,TRADITIONAL,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION' */ ;
/*!50003 DROP FUNCTION IF EXISTS `get_customer_balance` */;
/*!50003 SET @saved_cs_client      = @@character_set_client */ ;
/*!50003 SET @saved_cs_results     = @@character_set_results */ ;
/*!50003 SET @saved_col_connection = @@collation_connection */ ;
/*!50003 SET character_set_client  = utf8mb3 */ ;
/*!50003 SET character_set_results = utf8mb3 */ ;
/*!50003 SET collation_connection  = utf8mb3_general_ci */ ;
CREATE FUNCTION `get_customer_balance`(p_customer_id INT, p_effective_date DATETIME) RETURNS decimal(5,2)
    READS SQL DATA
    DETERMINISTIC
BEGIN

       
       
       
       
       
       

  DECLARE v_rentfees DECIMAL(5,2); 
  DECLARE v_overfees INTEGER;      
  DECLARE v_payments DECIMAL(5,2); 

  SELECT IFNULL(SUM(film.rental_rate),0) INTO v_rentfees
    FROM film, inventory, rental
    WHERE film.film_id = inventory.film_id
      AND inventory.inventory_id = rental.inventory_id
      AND rental.rental_date <= p_effective_date
      AND rental.customer_id = p_customer_id;

  SELECT IFNULL(SUM(IF((TO_DAYS(rental.return_date) - TO_DAYS(rental.rental_date)) > film.rental_duration,
        ((TO_DAYS(rental.return_date) - TO_DAYS(rental.rental_date)) - film.rental_duration),0)),0) INTO v_overfees
    FROM rental, inventory, film
    WHERE film.film_id = inventory.film_id
      AND inventory.inventory_id = rental.inventory_id
      AND rental.rental_date <= p_effective_date
      AND rental.customer_id = p_customer_id;


  SELECT IFNULL(SUM(payment.amount),0) INTO v_payments
    FROM payment

    WHERE payment.payment_date <= p_effective_date
    AND payment.customer_id = p_customer_id;

  RETURN v_rentfees + v_overfees - v_payments;
END
;
/*!50003 SET sql_mode              = @saved_sql_mode */ ;
/*!50003 SET character_set_client  = @saved_cs_client */ ;
/*!50003 SET character_set_results = @saved_cs_results */ ;
/*!50003 SET collation_connection  = @saved_col_connection */ ;
/*!50003 SET @saved_sql_mode       = @@sql_mode */ ;
/*!50003 SET sql_mode              = 'STRICT_TRANS_TABLES,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,TRADITIONAL,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION' */ ;
/*!50003 DROP FUNCTION IF EXISTS `inventory_held_by_customer` */;
/*!50003 SET @saved_cs_client      = @@character_set_client */ ;
/*!50003 SET @saved_cs_results     = @@character_set_results */ ;
/*!50003 SET @saved_col_connection = @@collation_connection */ ;
/*!50003 SET character_set_client  = utf8mb3 */ ;
/*!50003 SET character_set_results = utf8mb3 */ ;
/*!50003 SET collation_connection  = utf8mb3_general_ci */ ;
CREATE FUNCTION `inventory_held_by_customer`(p_inventory_id INT) RETURNS int(11)
    READS SQL DATA
BEGIN
  DECLARE v_customer_id INT;
  DECLARE EXIT HANDLER FOR NOT FOUND RETURN NULL;

  SELECT customer_id INTO v_customer_id
  FROM rental
  WHERE return_date IS NULL
  AND inventory_id = p_inventory_id;

  RETURN v_customer_id;
END
;
/*!50003 SET sql_mode              = @saved_sql_mode */ ;
/*!50003 SET character_set_client  = @saved_cs_client */ ;
/*!50003 SET character_set_results = @saved_cs_results */ ;
/*!50003 SET collation_connection  = @saved_col_connection */ ;
/*!50003 SET @saved_sql_mode       = @@sql_mode */ ;
/*!50003 SET sql_mode              = 'STRICT_TRANS_TABLES,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,TRADITIONAL,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION' */ ;
/*!50003 DROP FUNCTION IF EXISTS `inventory_in_stock` */;
/*!50003 SET @saved_cs_client      = @@character_set_client */ ;
/*!50003 SET @saved_cs_results     = @@character_set_results */ ;
/*!50003 SET @saved_col_connection = @@collation_connection */ ;
/*!50003 SET character_set_client  = utf8mb3 */ ;
/*!50003 SET character_set_results = utf8mb3 */ ;
/*!50003 SET collation_connection  = utf8mb3_general_ci */ ;
CREATE FUNCTION `inventory_in_stock`(p_inventory_id INT) RETURNS tinyint(1)
    READS SQL DATA
BEGIN
    DECLARE v_rentals INT;
    DECLARE v_out     INT;

    
    

    SELECT COUNT(*) INTO v_rentals
    FROM rental
    WHERE inventory_id = p_inventory_id;

    IF v_rentals = 0 THEN
      RETURN TRUE;
    END IF;

    SELECT COUNT(rental_id) INTO v_out
    FROM inventory LEFT JOIN rental USING(inventory_id)
    WHERE inventory.inventory_id = p_inventory_id
    AND rental.return_date IS NULL;

    IF v_out > 0 THEN
      RETURN FALSE;
    ELSE
      RETURN TRUE;
    END IF;
END
;
/*!50003 SET sql_mode              = @saved_sql_mode */ ;
/*!50003 SET character_set_client  = @saved_cs_client */ ;
/*!50003 SET character_set_results = @saved_cs_results */ ;
/*!50003 SET collation_connection  = @saved_col_connection */ ;
/*!50003 SET @saved_sql_mode       = @@sql_mode */ ;
/*!50003 SET sql_mode              = 'STRICT_TRANS_TABLES,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,TRADITIONAL,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION' */ ;
/*!50003 DROP PROCEDURE IF EXISTS `film_in_stock` */;
/*!50003 SET @saved_cs_client      = @@character_set_client */ ;
/*!50003 SET @saved_cs_results     = @@character_set_results */ ;
/*!50003 SET @saved_col_connection = @@collation_connection */ ;
/*!50003 SET character_set_client  = utf8mb3 */ ;
/*!50003 SET character_set_results = utf8mb3 */ ;
/*!50003 SET collation_connection  = utf8mb3_general_ci */ ;
CREATE PROCEDURE `film_in_stock`(IN p_film_id INT, IN p_store_id INT, OUT p_film_count INT)
    READS SQL DATA
BEGIN
     SELECT inventory_id
     FROM inventory
     WHERE film_id = p_film_id
     AND store_id = p_store_id
     AND inventory_in_stock(inventory_id);

     SELECT FOUND_ROWS() INTO p_film_count;
END
;
/*!50003 SET sql_mode              = @saved_sql_mode */ ;
/*!50003 SET character_set_client  = @saved_cs_client */ ;
/*!50003 SET character_set_results = @saved_cs_results */ ;
/*!50003 SET collation_connection  = @saved_col_connection */ ;
/*!50003 SET @saved_sql_mode       = @@sql_mode */ ;
/*!50003 SET sql_mode              = 'STRICT_TRANS_TABLES,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,TRADITIONAL,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION' */ ;
/*!50003 DROP PROCEDURE IF EXISTS `film_not_in_stock` */;
/*!50003 SET @saved_cs_client      = @@character_set_client */ ;
/*!50003 SET @saved_cs_results     = @@character_set_results */ ;
/*!50003 SET @saved_col_connection = @@collation_connection */ ;
/*!50003 SET character_set_client  = utf8mb3 */ ;
/*!50003 SET character_set_results = utf8mb3 */ ;
/*!50003 SET collation_connection  = utf8mb3_general_ci */ ;
CREATE PROCEDURE `film_not_in_stock`(IN p_film_id INT, IN p_store_id INT, OUT p_film_count INT)
    READS SQL DATA
BEGIN
     SELECT inventory_id
     FROM inventory
     WHERE film_id = p_film_id
     AND store_id = p_store_id
     AND NOT inventory_in_stock(inventory_id);

     SELECT FOUND_ROWS() INTO p_film_count;
END
;
/*!50003 SET sql_mode              = @saved_sql_mode */ ;
/*!50003 SET character_set_client  = @saved_cs_client */ ;
/*!50003 SET character_set_results = @saved_cs_results */ ;
/*!50003 SET collation_connection  = @saved_col_connection */ ;
/*!50003 SET @saved_sql_mode       = @@sql_mode */ ;
/*!50003 SET sql_mode              = 'STRICT_TRANS_TABLES,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,TRADITIONAL,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION' */ ;
/*!50003 DROP PROCEDURE IF EXISTS `rewards_report` */;
/*!50003 SET @saved_cs_client      = @@character_set_client */ ;
/*!50003 SET @saved_cs_results     = @@character_set_results */ ;
/*!50003 SET @saved_col_connection = @@collation_connection */ ;
/*!50003 SET character_set_client  = utf8mb3 */ ;
/*!50003 SET character_set_results = utf8mb3 */ ;
/*!50003 SET collation_connection  = utf8mb3_general_ci */ ;
CREATE PROCEDURE `rewards_report`(
    IN min_monthly_purchases TINYINT UNSIGNED
    , IN min_dollar_amount_purchased DECIMAL(10,2) UNSIGNED
    , OUT count_rewardees INT
)
    READS SQL DATA
    COMMENT 'Provides a customizable report on best customers'
proc: BEGIN

    DECLARE last_month_start DATE;
    DECLARE last_month_end DATE;

    
    IF min_monthly_purchases = 0 THEN
        SELECT 'Minimum monthly purchases parameter must be > 0';
        LEAVE proc;
    END IF;
    IF min_dollar_amount_purchased = 0.00 THEN
        SELECT 'Minimum monthly dollar amount purchased parameter must be > $0.00';
        LEAVE proc;
    END IF;

    
    SET last_month_start = DATE_SUB(CURRENT_DATE(), INTERVAL 1 MONTH);
    SET last_month_start = STR_TO_DATE(CONCAT(YEAR(last_month_start),'-',MONTH(last_month_start),'-01'),'%Y-%m-%d');
    SET last_month_end = LAST_DAY(last_month_start);

    
    CREATE TEMPORARY TABLE tmpCustomer (customer_id SMALLINT UNSIGNED NOT NULL PRIMARY KEY);

    
    INSERT INTO tmpCustomer (customer_id)
    SELECT p.customer_id
    FROM payment AS p
    WHERE DATE(p.payment_date) BETWEEN last_month_start AND last_month_end
    GROUP BY customer_id
    HAVING SUM(p.amount) > min_dollar_amount_purchased
    AND COUNT(customer_id) > min_monthly_purchases;

    
    SELECT COUNT(*) FROM tmpCustomer INTO count_rewardees;

    
    SELECT c.*
    FROM tmpCustomer AS t
    INNER JOIN customer AS c ON t.customer_id = c.customer_id;

    
    DROP TABLE tmpCustomer;
END
;
/*!50003 SET sql_mode              = @saved_sql_mode */ ;
/*!50003 SET character_set_client  = @saved_cs_client */ ;
/*!50003 SET character_set_results = @saved_cs_results */ ;
/*!50003 SET collation_connection  = @saved_col_connection */ ;
/*!50001 DROP VIEW IF EXISTS `actor_info`*/;
/*!50001 SET @saved_cs_client          = @@character_set_client */;
/*!50001 SET @saved_cs_results         = @@character_set_results */;
/*!50001 SET @saved_col_connection     = @@collation_connection */;
/*!50001 SET character_set_client      = utf8mb3 */;
/*!50001 SET character_set_results     = utf8mb3 */;
/*!50001 SET collation_connection      = utf8mb3_general_ci */;
/*!50001 CREATE ALGORITHM=UNDEFINED */
/*!50013 SQL SECURITY INVOKER */
/*!50001 VIEW `actor_info` AS select `a`.`actor_id` AS `actor_id`,`a`.`first_name` AS `first_name`,`a`.`last_name` AS `last_name`,group_concat(distinct concat(`c`.`name`,': ',(select group_concat(`f`.`title` order by `f`.`title` ASC separator ', ') from ((`film` `f` join `film_category` `fc` on(`f`.`film_id` = `fc`.`film_id`)) join `film_actor` `fa` on(`f`.`film_id` = `fa`.`film_id`)) where `fc`.`category_id` = `c`.`category_id` and `fa`.`actor_id` = `a`.`actor_id`)) order by `c`.`name` ASC separator '; ') AS `film_info` from (((`actor` `a` left join `film_actor` `fa` on(`a`.`actor_id` = `fa`.`actor_id`)) left join `film_category` `fc` on(`fa`.`film_id` = `fc`.`film_id`)) left join `category` `c` on(`fc`.`category_id` = `c`.`category_id`)) group by `a`.`actor_id`,`a`.`first_name`,`a`.`last_name` */;
/*!50001 SET character_set_client      = @saved_cs_client */;
/*!50001 SET character_set_results     = @saved_cs_results */;
/*!50001 SET collation_connection      = @saved_col_connection */;
/*!50001 DROP VIEW IF EXISTS `customer_list`*/;
/*!50001 SET @saved_cs_client          = @@character_set_client */;
/*!50001 SET @saved_cs_results         = @@character_set_results */;
/*!50001 SET @saved_col_connection     = @@collation_connection */;
/*!50001 SET character_set_client      = utf8mb3 */;
/*!50001 SET character_set_results     = utf8mb3 */;
/*!50001 SET collation_connection      = utf8mb3_general_ci */;
/*!50001 CREATE ALGORITHM=UNDEFINED */

/*!50001 VIEW `customer_list` AS select `cu`.`customer_id` AS `ID`,concat(`cu`.`first_name`,_utf8mb3' ',`cu`.`last_name`) AS `name`,`a`.`address` AS `address`,`a`.`postal_code` AS `zip code`,`a`.`phone` AS `phone`,`city`.`city` AS `city`,`country`.`country` AS `country`,if(`cu`.`active`,_utf8mb3'active',_utf8mb3'') AS `notes`,`cu`.`store_id` AS `SID` from (((`customer` `cu` join `address` `a` on(`cu`.`address_id` = `a`.`address_id`)) join `city` on(`a`.`city_id` = `city`.`city_id`)) join `country` on(`city`.`country_id` = `country`.`country_id`)) */;
/*!50001 SET character_set_client      = @saved_cs_client */;
/*!50001 SET character_set_results     = @saved_cs_results */;
/*!50001 SET collation_connection      = @saved_col_connection */;
/*!50001 DROP VIEW IF EXISTS `film_list`*/;
/*!50001 SET @saved_cs_client          = @@character_set_client */;
/*!50001 SET @saved_cs_results         = @@character_set_results */;
/*!50001 SET @saved_col_connection     = @@collation_connection */;
/*!50001 SET character_set_client      = utf8mb3 */;
/*!50001 SET character_set_results     = utf8mb3 */;
/*!50001 SET collation_connection      = utf8mb3_general_ci */;
/*!50001 CREATE ALGORITHM=UNDEFINED */

/*!50001 VIEW `film_list` AS select `film`.`film_id` AS `FID`,`film`.`title` AS `title`,`film`.`description` AS `description`,`category`.`name` AS `category`,`film`.`rental_rate` AS `price`,`film`.`length` AS `length`,`film`.`rating` AS `rating`,group_concat(concat(`actor`.`first_name`,_utf8mb3' ',`actor`.`last_name`) separator ', ') AS `actors` from ((((`category` left join `film_category` on(`category`.`category_id` = `film_category`.`category_id`)) left join `film` on(`film_category`.`film_id` = `film`.`film_id`)) join `film_actor` on(`film`.`film_id` = `film_actor`.`film_id`)) join `actor` on(`film_actor`.`actor_id` = `actor`.`actor_id`)) group by `film`.`film_id`,`category`.`name` */;
/*!50001 SET character_set_client      = @saved_cs_client */;
/*!50001 SET character_set_results     = @saved_cs_results */;
/*!50001 SET collation_connection      = @saved_col_connection */;
/*!50001 DROP VIEW IF EXISTS `nicer_but_slower_film_list`*/;
/*!50001 SET @saved_cs_client          = @@character_set_client */;
/*!50001 SET @saved_cs_results         = @@character_set_results */;
/*!50001 SET @saved_col_connection     = @@collation_connection */;
/*!50001 SET character_set_client      = utf8mb3 */;
/*!50001 SET character_set_results     = utf8mb3 */;
/*!50001 SET collation_connection      = utf8mb3_general_ci */;
/*!50001 CREATE ALGORITHM=UNDEFINED */

/*!50001 VIEW `nicer_but_slower_film_list` AS select `film`.`film_id` AS `FID`,`film`.`title` AS `title`,`film`.`description` AS `description`,`category`.`name` AS `category`,`film`.`rental_rate` AS `price`,`film`.`length` AS `length`,`film`.`rating` AS `rating`,group_concat(concat(concat(ucase(substr(`actor`.`first_name`,1,1)),lcase(substr(`actor`.`first_name`,2,octet_length(`actor`.`first_name`))),_utf8mb3' ',concat(ucase(substr(`actor`.`last_name`,1,1)),lcase(substr(`actor`.`last_name`,2,octet_length(`actor`.`last_name`)))))) separator ', ') AS `actors` from ((((`category` left join `film_category` on(`category`.`category_id` = `film_category`.`category_id`)) left join `film` on(`film_category`.`film_id` = `film`.`film_id`)) join `film_actor` on(`film`.`film_id` = `film_actor`.`film_id`)) join `actor` on(`film_actor`.`actor_id` = `actor`.`actor_id`)) group by `film`.`film_id`,`category`.`name` */;
/*!50001 SET character_set_client      = @saved_cs_client */;
/*!50001 SET character_set_results     = @saved_cs_results */;
/*!50001 SET collation_connection      = @saved_col_connection */;
/*!50001 DROP VIEW IF EXISTS `sales_by_film_category`*/;
/*!50001 SET @saved_cs_client          = @@character_set_client */;
/*!50001 SET @saved_cs_results         = @@character_set_results */;
/*!50001 SET @saved_col_connection     = @@collation_connection */;
/*!50001 SET character_set_client      = utf8mb3 */;
/*!50001 SET character_set_results     = utf8mb3 */;
/*!50001 SET collation_connection      = utf8mb3_general_ci */;
/*!50001 CREATE ALGORITHM=UNDEFINED */

/*!50001 VIEW `sales_by_film_category` AS select `c`.`name` AS `category`,sum(`p`.`amount`) AS `total_sales` from (((((`payment` `p` join `rental` `r` on(`p`.`rental_id` = `r`.`rental_id`)) join `inventory` `i` on(`r`.`inventory_id` = `i`.`inventory_id`)) join `film` `f` on(`i`.`film_id` = `f`.`film_id`)) join `film_category` `fc` on(`f`.`film_id` = `fc`.`film_id`)) join `category` `c` on(`fc`.`category_id` = `c`.`category_id`)) group by `c`.`name` order by sum(`p`.`amount`) desc */;
/*!50001 SET character_set_client      = @saved_cs_client */;
/*!50001 SET character_set_results     = @saved_cs_results */;
/*!50001 SET collation_connection      = @saved_col_connection */;
/*!50001 DROP VIEW IF EXISTS `sales_by_store`*/;
/*!50001 SET @saved_cs_client          = @@character_set_client */;
/*!50001 SET @saved_cs_results         = @@character_set_results */;
/*!50001 SET @saved_col_connection     = @@collation_connection */;
/*!50001 SET character_set_client      = utf8mb3 */;
/*!50001 SET character_set_results     = utf8mb3 */;
/*!50001 SET collation_connection      = utf8mb3_general_ci */;
/*!50001 CREATE ALGORITHM=UNDEFINED */

/*!50001 VIEW `sales_by_store` AS select concat(`c`.`city`,_utf8mb3',',`cy`.`country`) AS `store`,concat(`m`.`first_name`,_utf8mb3' ',`m`.`last_name`) AS `manager`,sum(`p`.`amount`) AS `total_sales` from (((((((`payment` `p` join `rental` `r` on(`p`.`rental_id` = `r`.`rental_id`)) join `inventory` `i` on(`r`.`inventory_id` = `i`.`inventory_id`)) join `store` `s` on(`i`.`store_id` = `s`.`store_id`)) join `address` `a` on(`s`.`address_id` = `a`.`address_id`)) join `city` `c` on(`a`.`city_id` = `c`.`city_id`)) join `country` `cy` on(`c`.`country_id` = `cy`.`country_id`)) join `staff` `m` on(`s`.`manager_staff_id` = `m`.`staff_id`)) group by `s`.`store_id` order by `cy`.`country`,`c`.`city` */;
/*!50001 SET character_set_client      = @saved_cs_client */;
/*!50001 SET character_set_results     = @saved_cs_results */;
/*!50001 SET collation_connection      = @saved_col_connection */;
/*!50001 DROP VIEW IF EXISTS `staff_list`*/;
/*!50001 SET @saved_cs_client          = @@character_set_client */;
/*!50001 SET @saved_cs_results         = @@character_set_results */;
/*!50001 SET @saved_col_connection     = @@collation_connection */;
/*!50001 SET character_set_client      = utf8mb3 */;
/*!50001 SET character_set_results     = utf8mb3 */;
/*!50001 SET collation_connection      = utf8mb3_general_ci */;
/*!50001 CREATE ALGORITHM=UNDEFINED */

/*!50001 VIEW `staff_list` AS select `s`.`staff_id` AS `ID`,concat(`s`.`first_name`,_utf8mb3' ',`s`.`last_name`) AS `name`,`a`.`address` AS `address`,`a`.`postal_code` AS `zip code`,`a`.`phone` AS `phone`,`city`.`city` AS `city`,`country`.`country` AS `country`,`s`.`store_id` AS `SID` from (((`staff` `s` join `address` `a` on(`s`.`address_id` = `a`.`address_id`)) join `city` on(`a`.`city_id` = `city`.`city_id`)) join `country` on(`city`.`country_id` = `country`.`country_id`)) */;
/*!50001 SET character_set_client      = @saved_cs_client */;
/*!50001 SET character_set_results     = @saved_cs_results */;
/*!50001 SET collation_connection      = @saved_col_connection */;
/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;


SET FOREIGN_KEY_CHECKS = 0;

INSERT INTO `actor` (`actor_id`, `first_name`, `last_name`, `last_update`) VALUES
  ('1', 'PENELOPE', 'GUINESS', '2006-02-15 04:34:33'),
  ('10', 'CHRISTIAN', 'GABLE', '2006-02-15 04:34:33'),
  ('100', 'SPENCER', 'DEPP', '2006-02-15 04:34:33');

INSERT INTO `address` (`address_id`, `address`, `address2`, `district`, `city_id`, `postal_code`, `phone`, `last_update`) VALUES
  ('1', '47 MySakila Drive', NULL, 'Alberta', '300', '', '', '2014-09-25 22:30:27'),
  ('10', '1795 Santiago de Compostela Way', '', 'Texas', '295', '18743', '860452626434', '2014-09-25 22:33:55'),
  ('100', '1308 Arecibo Way', '', 'Georgia', '41', '30695', '6171054059', '2014-09-25 22:33:43'),
  ('5', '1913 Hanoi Way', '', 'Nagasaki', '463', '35200', '28303384290', '2014-09-25 22:31:53'),
  ('14', '1531 Sal Drive', '', 'Esfahan', '162', '53628', '648856936185', '2014-09-25 22:31:36'),
  ('104', '1913 Kamakura Place', '', 'Lipetsk', '238', '97287', '942570536750', '2014-09-25 22:32:49'),
  ('3', '23 Workhaven Lane', NULL, 'Alberta', '300', '', '14033335568', '2014-09-25 22:30:27'),
  ('4', '1411 Lillydale Drive', NULL, 'QLD', '576', '', '6172235589', '2014-09-25 22:30:09'),
  ('2', '28 MySQL Boulevard', NULL, 'QLD', '576', '', '', '2014-09-25 22:30:09'),
  ('8', '1566 Inegl Manor', '', 'Mandalay', '349', '53561', '705814003527', '2014-09-25 22:32:18'),
  ('134', '758 Junan Lane', '', 'Gois', '190', '82639', '935448624185', '2014-09-25 22:30:18'),
  ('212', '624 Oshawa Boulevard', '', 'West Bengali', '51', '89959', '49677664184', '2014-09-25 22:31:11'),
  ('404', '734 Bchar Place', '', 'Punjab', '375', '30586', '280578750435', '2014-09-25 22:32:31');

INSERT INTO `category` (`category_id`, `name`, `last_update`) VALUES
  ('1', 'Action', '2006-02-15 04:46:27'),
  ('10', 'Games', '2006-02-15 04:46:27'),
  ('11', 'Horror', '2006-02-15 04:46:27'),
  ('6', 'Documentary', '2006-02-15 04:46:27'),
  ('9', 'Foreign', '2006-02-15 04:46:27'),
  ('15', 'Sports', '2006-02-15 04:46:27');

INSERT INTO `city` (`city_id`, `city`, `country_id`, `last_update`) VALUES
  ('1', 'A Corua (La Corua)', '87', '2006-02-15 04:45:25'),
  ('10', 'Akishima', '50', '2006-02-15 04:45:25'),
  ('100', 'Cam Ranh', '105', '2006-02-15 04:45:25'),
  ('41', 'Augusta-Richmond County', '103', '2006-02-15 04:45:25'),
  ('295', 'Laredo', '103', '2006-02-15 04:45:25'),
  ('300', 'Lethbridge', '20', '2006-02-15 04:45:25'),
  ('162', 'Esfahan', '46', '2006-02-15 04:45:25'),
  ('238', 'Jelets', '80', '2006-02-15 04:45:25'),
  ('463', 'Sasebo', '50', '2006-02-15 04:45:25'),
  ('576', 'Woodridge', '8', '2006-02-15 04:45:25'),
  ('51', 'Balurghat', '44', '2006-02-15 04:45:25'),
  ('190', 'guas Lindas de Gois', '15', '2006-02-15 04:45:25'),
  ('349', 'Myingyan', '64', '2006-02-15 04:45:25'),
  ('375', 'Okara', '72', '2006-02-15 04:45:25');

INSERT INTO `country` (`country_id`, `country`, `last_update`) VALUES
  ('1', 'Afghanistan', '2006-02-15 04:44:00'),
  ('10', 'Azerbaijan', '2006-02-15 04:44:00'),
  ('100', 'Ukraine', '2006-02-15 04:44:00'),
  ('20', 'Canada', '2006-02-15 04:44:00'),
  ('50', 'Japan', '2006-02-15 04:44:00'),
  ('87', 'Spain', '2006-02-15 04:44:00'),
  ('103', 'United States', '2006-02-15 04:44:00'),
  ('105', 'Vietnam', '2006-02-15 04:44:00'),
  ('8', 'Australia', '2006-02-15 04:44:00'),
  ('46', 'Iran', '2006-02-15 04:44:00'),
  ('80', 'Russian Federation', '2006-02-15 04:44:00'),
  ('15', 'Brazil', '2006-02-15 04:44:00'),
  ('44', 'India', '2006-02-15 04:44:00'),
  ('64', 'Myanmar', '2006-02-15 04:44:00'),
  ('72', 'Pakistan', '2006-02-15 04:44:00');

INSERT INTO `customer` (`customer_id`, `store_id`, `first_name`, `last_name`, `email`, `address_id`, `active`, `create_date`, `last_update`) VALUES
  ('1', '1', 'MARY', 'SMITH', 'MARY.SMITH@sakilacustomer.org', '5', '1', '2006-02-14 22:04:36', '2006-02-15 04:57:20'),
  ('10', '1', 'DOROTHY', 'TAYLOR', 'DOROTHY.TAYLOR@sakilacustomer.org', '14', '1', '2006-02-14 22:04:36', '2006-02-15 04:57:20'),
  ('100', '1', 'ROBIN', 'HAYES', 'ROBIN.HAYES@sakilacustomer.org', '104', '1', '2006-02-14 22:04:36', '2006-02-15 04:57:20'),
  ('4', '2', 'BARBARA', 'JONES', 'BARBARA.JONES@sakilacustomer.org', '8', '1', '2006-02-14 22:04:36', '2006-02-15 04:57:20'),
  ('130', '1', 'CHARLOTTE', 'HUNTER', 'CHARLOTTE.HUNTER@sakilacustomer.org', '134', '1', '2006-02-14 22:04:36', '2006-02-15 04:57:20'),
  ('208', '1', 'LUCY', 'WHEELER', 'LUCY.WHEELER@sakilacustomer.org', '212', '1', '2006-02-14 22:04:36', '2006-02-15 04:57:20'),
  ('399', '1', 'DANNY', 'ISOM', 'DANNY.ISOM@sakilacustomer.org', '404', '1', '2006-02-14 22:04:37', '2006-02-15 04:57:20');

INSERT INTO `film` (`film_id`, `title`, `description`, `release_year`, `language_id`, `original_language_id`, `rental_duration`, `rental_rate`, `length`, `replacement_cost`, `rating`, `special_features`, `last_update`) VALUES
  ('1', 'ACADEMY DINOSAUR', 'A Epic Drama of a Feminist And a Mad Scientist who must Battle a Teacher in The Canadian Rockies', '2006', '1', NULL, '6', '0.99', '86', '20.99', 'PG', 'Deleted Scenes,Behind the Scenes', '2006-02-15 05:03:42'),
  ('10', 'ALADDIN CALENDAR', 'A Action-Packed Tale of a Man And a Lumberjack who must Reach a Feminist in Ancient China', '2006', '1', NULL, '6', '4.99', '63', '24.99', 'NC-17', 'Trailers,Deleted Scenes', '2006-02-15 05:03:42'),
  ('100', 'BROOKLYN DESERT', 'A Beautiful Drama of a Dentist And a Composer who must Battle a Sumo Wrestler in The First Manned Space Station', '2006', '1', NULL, '7', '4.99', '161', '21.99', 'R', 'Commentaries', '2006-02-15 05:03:42'),
  ('23', 'ANACONDA CONFESSIONS', 'A Lacklusture Display of a Dentist And a Dentist who must Fight a Girl in Australia', '2006', '1', NULL, '3', '0.99', '92', '9.99', 'R', 'Trailers,Deleted Scenes', '2006-02-15 05:03:42'),
  ('25', 'ANGELS LIFE', 'A Thoughtful Display of a Woman And a Astronaut who must Battle a Robot in Berlin', '2006', '1', NULL, '3', '2.99', '74', '15.99', 'G', 'Trailers', '2006-02-15 05:03:42'),
  ('106', 'BULWORTH COMMANDMENTS', 'A Amazing Display of a Mad Cow And a Pioneer who must Redeem a Sumo Wrestler in The Outback', '2006', '1', NULL, '4', '2.99', '61', '14.99', 'G', 'Trailers', '2006-02-15 05:03:42'),
  ('2', 'ACE GOLDFINGER', 'A Astounding Epistle of a Database Administrator And a Explorer who must Find a Car in Ancient China', '2006', '1', NULL, '3', '4.99', '48', '12.99', 'G', 'Trailers,Deleted Scenes', '2006-02-15 05:03:42'),
  ('20', 'AMELIE HELLFIGHTERS', 'A Boring Drama of a Woman And a Squirrel who must Conquer a Student in A Baloon', '2006', '1', NULL, '4', '4.99', '79', '23.99', 'R', 'Commentaries,Deleted Scenes,Behind the Scenes', '2006-02-15 05:03:42'),
  ('80', 'BLANKET BEVERLY', 'A Emotional Documentary of a Student And a Girl who must Build a Boat in Nigeria', '2006', '1', NULL, '7', '2.99', '148', '21.99', 'G', 'Trailers', '2006-02-15 05:03:42'),
  ('316', 'FIRE WOLVES', 'A Intrepid Documentary of a Frisbee And a Dog who must Outrace a Lumberjack in Nigeria', '2006', '1', NULL, '5', '4.99', '173', '18.99', 'R', 'Trailers', '2006-02-15 05:03:42'),
  ('396', 'HANGING DEEP', 'A Action-Packed Yarn of a Boat And a Crocodile who must Build a Monkey in Berlin', '2006', '1', NULL, '5', '4.99', '62', '18.99', 'G', 'Trailers,Commentaries,Deleted Scenes', '2006-02-15 05:03:42'),
  ('431', 'HOOSIERS BIRDCAGE', 'A Astounding Display of a Explorer And a Boat who must Vanquish a Car in The First Manned Space Station', '2006', '1', NULL, '3', '2.99', '176', '12.99', 'G', 'Trailers,Commentaries,Deleted Scenes', '2006-02-15 05:03:42'),
  ('571', 'METAL ARMAGEDDON', 'A Thrilling Display of a Lumberjack And a Crocodile who must Meet a Monkey in A Baloon Factory', '2006', '1', NULL, '6', '2.99', '161', '26.99', 'PG-13', 'Trailers,Commentaries,Deleted Scenes', '2006-02-15 05:03:42'),
  ('663', 'PATIENT SISTER', 'A Emotional Epistle of a Squirrel And a Robot who must Confront a Lumberjack in Soviet Georgia', '2006', '1', NULL, '7', '0.99', '99', '29.99', 'NC-17', 'Trailers,Commentaries', '2006-02-15 05:03:42');

INSERT INTO `film_actor` (`actor_id`, `film_id`, `last_update`) VALUES
  ('1', '23', '2006-02-15 05:05:03'),
  ('1', '25', '2006-02-15 05:05:03'),
  ('1', '106', '2006-02-15 05:05:03');

INSERT INTO `film_category` (`film_id`, `category_id`, `last_update`) VALUES
  ('1', '6', '2006-02-15 05:07:09'),
  ('10', '15', '2006-02-15 05:07:09'),
  ('100', '9', '2006-02-15 05:07:09');

INSERT INTO `film_text` (`film_id`, `title`, `description`) VALUES
  ('1', 'ACADEMY DINOSAUR', 'A Epic Drama of a Feminist And a Mad Scientist who must Battle a Teacher in The Canadian Rockies'),
  ('10', 'ALADDIN CALENDAR', 'A Action-Packed Tale of a Man And a Lumberjack who must Reach a Feminist in Ancient China'),
  ('100', 'BROOKLYN DESERT', 'A Beautiful Drama of a Dentist And a Composer who must Battle a Sumo Wrestler in The First Manned Space Station');

INSERT INTO `inventory` (`inventory_id`, `film_id`, `store_id`, `last_update`) VALUES
  ('1', '1', '1', '2006-02-15 05:09:17'),
  ('10', '2', '2', '2006-02-15 05:09:17'),
  ('100', '20', '1', '2006-02-15 05:09:17'),
  ('367', '80', '1', '2006-02-15 05:09:17'),
  ('1443', '316', '2', '2006-02-15 05:09:17'),
  ('1824', '396', '2', '2006-02-15 05:09:17'),
  ('1976', '431', '2', '2006-02-15 05:09:17'),
  ('2599', '571', '1', '2006-02-15 05:09:17'),
  ('3021', '663', '2', '2006-02-15 05:09:17');

INSERT INTO `language` (`language_id`, `name`, `last_update`) VALUES
  ('1', 'English', '2006-02-15 05:02:19'),
  ('2', 'Italian', '2006-02-15 05:02:19'),
  ('3', 'Japanese', '2006-02-15 05:02:19');

INSERT INTO `payment` (`payment_id`, `customer_id`, `staff_id`, `rental_id`, `amount`, `payment_date`, `last_update`) VALUES
  ('1', '1', '1', '76', '2.99', '2005-05-25 11:30:37', '2006-02-15 22:12:30'),
  ('10', '1', '2', '4526', '5.99', '2005-07-08 03:17:05', '2006-02-15 22:12:30'),
  ('100', '4', '1', '12151', '2.99', '2005-08-18 00:14:03', '2006-02-15 22:12:30');

INSERT INTO `rental` (`rental_id`, `rental_date`, `inventory_id`, `customer_id`, `return_date`, `staff_id`, `last_update`) VALUES
  ('1', '2005-05-24 22:53:30', '367', '130', '2005-05-26 22:04:30', '1', '2006-02-15 21:30:53'),
  ('10', '2005-05-25 00:02:21', '1824', '399', '2005-05-31 22:44:21', '2', '2006-02-15 21:30:53'),
  ('100', '2005-05-25 16:50:28', '2599', '208', '2005-06-02 22:11:28', '1', '2006-02-15 21:30:53'),
  ('76', '2005-05-25 11:30:37', '3021', '1', '2005-06-03 12:00:37', '2', '2006-02-15 21:30:53'),
  ('4526', '2005-07-08 03:17:05', '1443', '1', '2005-07-14 01:19:05', '2', '2006-02-15 21:30:53'),
  ('12151', '2005-08-18 00:14:03', '1976', '4', '2005-08-18 23:52:03', '2', '2006-02-15 21:30:53');

INSERT INTO `staff` (`staff_id`, `first_name`, `last_name`, `address_id`, `picture`, `email`, `store_id`, `active`, `username`, `password`, `last_update`) VALUES
  ('1', 'Mike', 'Hillyer', '3', 0x89504E470D0A1A0A0000000D4948445200000079000000750802000000E55AD965000000097048597300000EC300000EC301C76FA8640000200049444154789C4CBB7794246779FFBBF78F7B7EBE466177677772CE3D9D667AA67BA62776CE39545557CE3974EE9EB049AB95563922104142580830D10203061BB049064CB031D916C160100284505AEDEE4CDD3F16B8B7CE73DE53F5D61F75CEE7BCF53CCFF7FB561DBB7CE9AD972FBDF5AECB6FBD74E7A3B75F7EF4CE7BDE72E9AE375FBAFFCD676EBFF7E29D0F9F3D7BD9303A92AC8360A5522E61088A00300622188051204102385644C8124E950912204880C0F21853A6A92209676012C06990A0CB3859C62808C3CB3003A1641921CB180D6234003325902D95C94C86C966A86C9ACEA5CA81CDB27F1D8DF9F14490CDC5D95C5CCE27B472522EC49844B05E29184056C945D552422D25D84C90CD04F95C984985F8748C4F44D46C522F64D864442EA6A572462C25996C8429249098BF12D9C1E20120B8C91653643E51490489428A2E66987249ACA002849145982EA322C112658C864812C0E90ACEC0040D123AAD8A284F950906205810672B140D900226B218C713028F0A5C85E32A0C03522C44E34504875008A8C8927EEEFCA5BBEE7DE8AE871EBDF0C003F73CFAC8B1BB2EBFEDF29D8F5FB8F8F0A5BB1EBD7CEF5BCEDD71FF85CB0F9EBD78E7DE99DB74AD45E10250444B0510016014800800C14B2809E07809C54B1851C689328E17501220D0324602045E40C9124E02C48DBB1480D365942CC26C056311944711122813C5229ECBE2990C914E9603DB807F13086CD0F190988DC9F94415CCB570A0854335B824173242294D6782423E24E443423E822536E1B897486DD3A91D3AB5C366FC74C2C7A5836C3CC0C6035C2C40C5FC7432C8642368C247A4835436CC64634C22C8A7237236C6A5C27C3AC2656242298D6523C5F0269189C2B11099CF50C502532EB330C256300AC2049C61119C81310240280067408A0648B642B1158286480A2469882201820249A642B310CD801403527C85E1209A85691663A1228C54F05AB5D5DADDBBE7D147EE7AF8A163E72F3E7AFB9D8F9DBFFD814B773D7C70F1AE33B7DDD1E81E08A24A935C2A9C2EA64A4809C5000C2FA16419A3009C2A134419BFF124B480604594047012C0310027CA380D90741967201C2F827419654A0857869862498241B298C6F3712413CEFAD7C0C8361A0F10C980524AE950BA43011DA2A8436915CAF2C514920856627E20E4A3B2692693147209261562124134B84DC6FD74324865C3487C07087841DF1AB0B30AFBD74B1B1E787B1DDCF696FDEBE5C00618D929873673016F251980C2DB68CC4FC6836C3A7C23986C84CC84A85C8407E25A252396E22290620A09BA98A24A19B29CC70A39A602321590864012006910E16092063106C24910254194A9504C85A20192020916A6599826CA1803910C48B120C5C32C0B3354851571A152A8948B2545931B9DEEB14BF7BFE5D2BD8F9EBD748F5A6BC98A41537C269E85CB289005299044F2305644711027011C2F22371063008E9631285F21CA380352148451084102385142D9322A962B7CB1CC95CB5CBE48C49368288004B6A84480CB47944ABACD426DBA52830B6A31A514925C2622E6E364CA4F27835822145F77D3A57C53128058ACC5F1171BEDBE1327FA7A4F0C8EF44E4E8DF69C38393F3A3BD33FE199B56CDAEC6BB3B39BF316EFCCECDAF48CCF66DFB6D9B61D8E759B6DDD665BB558D66D36AFD5BA323BBB3C35E5181EF4DB6DA125BBCF3A1B5D7164B63CA98D95D4C64A39B0412676D88C9F48FAB0A49FCAC5987C98CE45D8629203334C39451412443EC3944B3C54E64080AB54681061419C2EE31C4453004E43248D92144290304E02380D512C44B3104D81340D0B6C45A0218A822914C62A25F8D8F93B1F508DB6C8A918846300564A9780220C1730B48C61008E9410A484A005182FA11C4C13259402701AA2D03286161034073300C15530AA5CE12A0857A960D90C968997039B683450F6AF51898001645B70B105E7CFF26815CA08F988988DB1C98896CF70B1041E89947C3B21CFF2A6C3E15B5983A2D9C72EDCDDA0C58991C11DFFA6DD6E8F6D47DE7AFB83055F86CEE1E570E1AECE9D5327A7C74E8FCF0E4C0596BC2B13733BB6C5B06B25EEF6445CCB21B72BE45A0CB95C81C5C56DABDD333BE7999DF33B1683CEA51D8B6D7BDEBABD60DDB25A5DE3E37EBBC33B37B36D5BF03916226E477AD35DF07B8B813534E1C3E2DB543AC0E4A35426CA1693742949151364362694F31C50E421882D43540961008C054906227984A1009CA9504C85A6409A85580A247954A0409AA9B03444B13043812455618FF19C0697513007DD286568BE82830454ACA020766304732005925499C0F3085644E15C052FA14C85C28B150EC0D862450041329FC1B309A694CEFBD6887490C946A4726297812E6A740B2B1AA5A4928BF2C90019DBD6F34922E8CB6DAC6FCCDBE6FBC6E6FBA796275D3E977F71CADDF3D7438E593703323ECFF6DA8ADBBFB1E1B63993A1D4AA737D62CAB9B916298481B7DDF97630494C4D2EF69D189BEA9F754E39DDF3CE7224CE148B125886A37E381C404301381CA0B3C962C85F8A04CBC120140815BC9BE995B5AC7733E1590BDA9D914557C8B1E85BB06D5AACDB56FBD6826DDB6ADFB6D9422E47C2EBCA6CB9735BAB40700B8D07F144904A87B84C84CBC4F044902F66D9428E2E1479A02240185F2139886020122FA11CC252204D012C0B334C85A6409204081EE5688864619A01A963A574192D205499C072305140A9124E0244A504574A3090072B25B852A8E0258C2CE168B6821511BA8233102A61049EC98A00C017F248D457F2AFA3091F96DCA1B2FE265DEAB2151D4A8BA538990AF2D9A8544849B92416F2C51C76F7D4C4DAFCFCF8ADA7E77B266FD72E9CE5CF465CC9A953D6FBF61E640BF4A7DEFD91AF7EE4D3C5ED6868C3679FB7B99D4B81ADE0F0F0F49B4E0E5A2CCBBDBDA354857FF4F263B3D34BCB4BDB7DA7272D73AE9E937D03A74FAD2DDA7DEEA5947F0B4E46E86C92CBA5B9420A4985E174188A07E068108FC7A04008F487E048140947E14000DCF617D7B7B3EB3BE9B5ADE0E2CAEAF4BC676ACE3536611F1A724F4D6D5AAC3EBB33EE5E2DEE6C83812D2CECA713113A192693112A93A033693A9763F345AE0CD045808550B64250204143140B7302C6B33073A372F208C3C1348F5064193B861551BC84B1108D6610228F93058228E34809858B085C84310043CB2892AF50004E14501EA1F002C043105D28E0A918998E96031B5422241512B7E9CC818434C882588E4AC5189B0E93E90818DA8A7B167DD679F7F8987B6CC237B7B03636B338343DDF3BB9A79EF9CE3F7FBFEC87B3DE9C06AABFFAF62F7EF895EF7CE2BD1F4C6C04FA6FE9EB3F3DDA7362787AC2F657379D762FED6029E2E1330FC6E3C5891947AB7EC6625D8D07F3B37D0BF99DF2A6D377FAE4C0C0E070DF70BFCD6AF13AED602CCC17B37C31CD43D94A2A88E642702A486793543A852792642A4DA553783CC6263354328D4513782255094791700C8B26B26BDBE9B5ADE0A2C73BEFD8B42E3B4666BCB30B5B566B687129ED5DCB6FAF43E11D3C1946E3612C1EA3B3C91BD0E95289AB60375A141AA2B0224E02140D312C44B3154A4458BE428A047B8C2893952C8C1630AC886345F4461626CA185EC2F012861610BC841225B8CA8A54A18C65F26034866753E5E00E14F5E1C95087410F44AA8A16A5728A4A07C8949F4A872AD1ADE4DA926766747566C23339B1393FE7199FDC9CB284AD9EB873B3E88D9C97DBEF79E4C9076E7BE4AD0FBCEBD5DF5CF9FAE7BEEA77BBFD5ECFCCD0000BC1B1EDE82DA7C7FA86E68E9F1A5F746CCC2E2CF7F74F6EAF852EECDE21D3DA7D17EF8532151EE2C60627D2C18C757E7966CAD1DF3736303CD173AADF32679B1C1D9B9D1849473665129091928C9578282B560A742EC516726CA1C0158B54362B56003C9BA2D2593693E7B205269BA73359B15066B2F94A2496F70722ABEBC165CFDABC7571646A7966C63936B969B3FB975DD13537120FC3611F9608A1F1209A0C6199289ECB9225808371B642D0659C0609A28C513045FFB939218BF0B11B94D102F627D0650C0330B80863204200085E045908E640A0928822A9786667BD1209A0D180544875A9CA059996C034960A20091F9208147DDEF4FACAFADCC48E6DD6353EBC3A35B93A3519762EE5D6D64AEB1B44284E470A6A1A3B4355DF7EFBA37489424AE8F9B317280CFDC033EFFADEBFFEEB45BD3172B29F28A05812A172F43DDA25280A1752F0A99323E56CE52DF7BDB9C6AB3A275F689F7DDF934FEB185723C50F3DFC546A3B3D3562ED1B9A3D3934DD3734776270AA7F6CE664DFE0C050BFD33613D9710B58C9A0611ACCC3F914512A4838CA43A008410C04F010284215B654668A25B654624B25329F21F319269F253319229DC6532920120522D1B87733B8ECD998B72D4E4CAF596CEB0BD66D9B2DBFEDCBEFEC94833B9564008CFB2AA90859C852C52253020508612A300154E80A4E96311E6138883886E531BC8063798428627811C14A15048091729904402C9FA74B45329F02233B50D497D958A1D2915D0E3F2391B7A994588ADF900CB9E07A62CBBDB368F5CECDAC4E4D7A26A7DC139341E76276DD8B04C25236A7E6B25C3CC6A7B24CBCF0CCFD6FA73395DB9BE72E76CF7FEF6BDF345F7BED4B9FFED403976E0FF9FCE303E32B4E8F8A2BF18D58EFE941B7C3ED5FF73F7CDB7D3ECF8E460A3A4EBDF9EECB0FDF7D9902219D65E85229B0B989E5C091BE89C153E3AB2B3B3373CBBDC3F3C70726DF746AE4E4C0544FFF68EFE0C0E0D0E96DEF32944F8A389A8F86C9524925491682781896494A262909C6040851304CC410B6027230C440000D1629A080E7D264214B15B2782683A5334CAE804653B9ADE096CDE599B5D847C6D72DCE4DEBD2966329B6EE2D4782E5C80E1C0F208920934BD1B9140B142502A32B3003A13CC2A0F9CA312A8F72108D6440B20833208297CA2450C68B59BA9841E2E17260B3ECDB108B993A0E9E535815C943B18DF496034B050AC1CDF8BA7B67D1EA1C1B738E8DBBC626020E676A6DB5E4DB2192292C9EC4E2093A93653269369B497BD7F164765FAD3D7ED7231F7FFF473EF9B1673FF8DEBF3138C6E772CD8F8E2D599D17C5FD3BF4B36C119B1C9F9A1B9DA8F3F2D30FBD850660AB6DCE62B1CC4C4FEA0205A6433A85843CEE9999A9E9D999C1C1E1F1A189E1D3239363F3A3A3F376FB6A3E0E8C0D4FC5A2D9F1516BCF89B15B8E0FDFDA3B7CD39B8E3B2CF644284657D0A4DFA731549DE70D8613704263059D93658A574856A16885226592127082C5710AAAC8384E978A2C50E411900620B2502073792E57A652792A51C02299CC7A30E2DEB28ECED9261796666DFEE5E5E89A3BBFBD0E057D4070AB1CD981B2312497A10A65B942F115F21856C4498020CB185600A872998740AA904512C1ECA69B48863420776755BE54935B2C9AD85C2E86372B495F7C63716D61626972646972CC3539E99D9B0BBB56B21B9B6030406512442A82262254364D65B36CA1C0154A78322DC3D83BEE7BF0E37FFB810F3FF3F4673EF1EC57FEE51FDF7CFF1DB968C0B7B2B2ED5E1F3835B4BDBC5A8EA46580FAC0DB9F79E0ECE56D9767C5B6B0B2EC08EFF8458C991D199F9D1CF3781CB353A3BE8D35DB9CB5E7446F7FDF484FCFD0891343030353836333A706C6A6A71D9313B36B9E8D9D359F7DC675FAC458CF89D1D3FD63274F0F8E8D4EC100584E278972B1C6B367EB759DE34582964951177485165486D7395E657891667992E6495A24480E814512E330844350A602536590072A3C0032C512932B109912922840D17CDC1B5C9B77D947671C63939ED9B9A0D351F06D17433B85A8BF140F83F1185D285265F0185242A06C09C91744B842E653703C000637A974A886951EDAAF5E5048BE10AFC47CB9E0466AC71B5F75EF2C5A9726879C93C3CBD313EE999990CB5509879068048946C8749CCE27F06C0CCF27D14C922A16381024F3253C5BFAD87BDFFFD98F7FACA50A4F3C76CF079F7EFC0BFFF091671E7FF01B9FFDE4279E79E652736F6DDE550AA62B89FCD966EBF2D983E9B121EBCCCCC2F4ECE4F0F8D4C4349AAFACD9DDD36353535353531393F393D3B3C3D3237D13A74F8EF41C1FEA3B3132D6373D3F6E9D9BB49C1E1C1D181C9D199FF6D85D5B8BDEA981E9C193133323B6B909E760DFF89AC71B0D06B28948259FE9EA5A5BD35BAAA189BACCA9222349ACAC098AC249322B0A342F509C4CB13C490B0C2BB28CC20902C570284101B088E23400B0104496002455A472309D47CAC16CD21B0EB83657E79D6BF356AFC5B66577A4B6B7D281ED4C70078885E154F218552853C5229E4D8091EDD4FA6225BC5E437277D5E5F32A45A4FDB980BB10F216829B51F7D2B6D5BE69B17BA6A76D23836B96E9E89A1B0805A050904CC78964824826D04404CBC48952062FE76808A44B251A00F042E1AEB3075FFED4DF1F18D2C5B6FEAF9F79F6814BFB675A3209678AA90005E5AD03036778F5EFDEF2AE80CBEDF7AE62859CDD323F3B3EBD30639B1B9A999F9A9B9F989F1A98589C754E0D4F8F0D8E8F0E8F8D0E8C0DF78D0E9E1AED3F393C706278BC776CAC7F6C667CBAE7C4A9533D03837DA3B639AB656A6E7C607CF0F4F0D8C0DCF4B863626C616EDEB6B4ECDA58F7847D5B3C863765A92AC88AA4CB922189BA2C6AAAA0A982268B8ACC49322BCA14AF32A240F30CC54AAC28D2BC444B554EA3009447081A44C872850260AC006105184E03957811CF40D9ED987F6563D3E95999B1392667B75DAEF8CE563AB49309EE1CC3324920B88344FCE5ED35A590BC6C884D12E4C05472CB05C67D05BF37BEB6B4B930BF3E3FBF3C3EB9343AE9B55A239BEB99E00E1409A0F130998C6199389E4D51852C59C8E3C53C059619B84C43000D403C526970F42FBEFFEF77765B89B595F39AD055E865DBE4CCE4C0827D7A7A66ECF4F19B6518FEC1E73F0BFB433A04D76906CE16EDB30EDBB4D33669B74FD8A7062696E69C0B6373F3A3B3AEF9C5F989F989E1F1D1BED1C19EC1FE13FD233DA343C7474FDD3470F2D6DE5B6FE93979FCF4F15BFB6EB9A5B7E764FFE0C068DFE9FEBED383274E8DF40C4EF78ECCDC7C6A706074727276CEE6B00603BE7C324D21982A6B8AA2C98AA1C8862A6812AF899C2A8B9A24A822AF48ACACB0AA44CB0AAF72A4C053224F0802C6F3282B621C07E30C4CF0188D1560A280D00594CC4395441E8DE50BFE78D0B5BE3C6B772F385C16DB8E6735B1B17D0C8C8589540C0BFB0F18F44E836B92E5A8D796DB59CD6CAEC557DDCB1313CBA353AEB129E7F0A877763EBFEDCB0783F958B0140FC2E9289A8EE1A904954D53F93C5B2A89302C2008538178149671DC20992A4D3FF3D8638F5CB8B0BD60958AE5BB6AC69B77BB17758D2E021B8B1E4BDF946F764988E7E10D5F6E736B71623AE4DD5998B22E59561646173CD3AE886B7B7D61C539695D18B72C8C5BA64766A607A7C67BC7267A47077B067B4EF49EBCB5BFE7F8D0F19B066F7953EF4D6FEAB9E94D3DB7DC3470EBCD83274F0C9C3E39D073BCAFEFE440EFF1D1A1BE99FEFEE9E1B1F9BEE1C9DEA1B1DEC111ABCD914DE47882D7D59AAC18A2A4297255167459A80AACA28886C8A912AB28ACAA31AAC6A832A748ACCC5382408A322989382F138240711CC110304E54300A40C164162F95B17C194E16D074A91CCEA67DF1ADC5F5E5B925FB84D533673B96F36FD7C8CADD9DEA1989C453BEB8D7960AAC25D63CA145D7FACC827BDCE29958F04E5BC32E0F180E23C954391AA96412703E05E753582143E6724CAEC09501B60CF130CAC2088F622ACD180CD3E4C403D540E3C926497709AE59C1DF7BF7BD2B1323B3C38343BD837FF57FFD3F68ACF8ECA34F7CFCCD6FBB535323AE9535CBE29A6D2DB59D2E050A882FFB9EBBDEDA86A56DBBDB36363F3F3A3B333A3BDC373A7C6A6CA86774E8C4707FCF607FDFF0F1E3FDC78F0FF69C183D7ED3E02D7FDD7FFC96A15BFE7AA8E7D6D1D327C67A8F0F9FBE75A8E7E6A113378F1EBF69A4E7C4E8E99ED1A1C1C9E1A1A9A971CBDC843D164CD4E4BA26EA8656576443936B865CD3D4BAA6D60551E30595E71481554446D2445D14654190785E147985A70481160552100956A03806A3880A2662140BC13400502044952B58BE8C648B3788A736A32BD3CEE5C98563B7D7B4068D00B19D6C7035B6BD92F16F6CDA6C2BD373CEE149C7D0C4CAD87464C953F205A050048D258048144FA5F04C062B64D0521E2DE4895C512801328C8828AED09C4CB11ACBA90C5BE3E506AFB578A51C8E9D95AAEFB9F7E1CFBCEB3D77A97A6A6D756BC161ED9B4CACF8BEF881BFFBE3F7BEFBC67FFFB05ACAC75736D6665D22C03FFBF60F3C75DB437BB000AC46BDA3CEE99BC75C43CEB99333F3A7E7674FCF4FF6CC8EF7CC0C9F9A3A7D72E454CF407FDF48CFF181DEE3C3276F1A3C79CB70EFF1D1C11393C33DD3433D93FDC7C74EDF327AEAE6B1DE9BA67B6F9E3C75F3C8895B067A4F8F0CF48FF79D1A9B9F59B4CEDA399C93295613A4AAAC1B9C5665F586566B190D43D67549D34455979566B5A6F2BCA1C88AC04B1CAFF2B2C12B355E6D2BB57DBD5517B48E5A6FF0DA9E526FB1729564BA92AEA00C55A8A0E9828E712248492083A76028523A16D95CCE84367291ADF8F6FA9ACDB6383DEB989CB60C8E6DD8968AC108148E22F138994955A2613293C253292295C1D2391E840504112A904191225C9170B4C671755150285AA1E82A2F7434BD29AA4D56F8C83B9EB86F77EFDDF7DDFBC977BEE32E454283D1BC67EB6D676E7BEF030F986FBCF48EBBCF4EDEF27F9C23439955BF7BD0725939F795F7FCD325A28BB932CC52495F27D575525CC7293750B22722D33B9BA36BAB236B967EEB54EFFCC4C0FC58DFF454FFEC74FFECDCB0CD3AEA5C1A756D5B36B7E637BCB35ED794C736E1EA3B3E3970F354DF2D13278F8FFCF55F9FEC393978FAE4C8C0E9A98911AB7D6129B011886DF9F39154D217CB0553397F2CB5158A6F06635BFEF87620B2E5DBF17A53914878C7EF5D5973D91C6E9BD3B7BABE6C5F5A5D727B9DABAB8EE5F9B169C7BC6DC3EDB54ECEB9E6ECAE19DBA67D25B4BCE15FDA70CF38379DDE0DAB67DBE1F55A563616568E1563A16C68DBE75ADAB42F3AC6669726AC1B56777865138AA6CB81483918AC44C34034508E05C058984865B8324466CB54BEC495011182340C3728AACEF0128C7115A4C6092A46CA084EE64B1AC51DA8C613F7DE7B57BBFED885837F7AE65DE7782AE158B853129E7DEC913BABF2036D63E14D7FF568B5C9049272A8F244FBC1A7F7DFFE54F76D5F7CFB3F993F78C3FCDE15F3EB2F1E7EF9977FFCF4F77FF8D4673F79DB130F1207ED18C7788AC04AD63BB6B63AB1B63CE9764D795C539E55CBBAD7BA99742732EE44692357F101900F0838C31B16BF63C23D707CA2E7D6919E9EB19B6FEEEBE919E9ED1D3FDD37353232E3B2AF6C2C7957AD6EB7D5E3985AB28E3BBC76EFCAFCCABA636D7D71CD396377D91697ED4B8BB38EC5E9C5558BC735695F995B5C9E5BF22CAC6C3937D79D5B3E77706379DBE3F0BA16DCCB9695CDC54DC7A4C33EB3689F59F438BC4BB32B2BF39EC5C925F79CC7B7B875CCE77285573D8ED109D7E89C67D2EE997478E75DA1E5ADF0CA66606935BABA1E5A598D7ABD51AF37B2BE1E5AF76E2DAF84BC5B3EB737BAB1B5ED72F9DDAB1EFBA273D6BABDB2B9B1E45D73AEAC3BDD6E8B7DDDBA58DC893D75CFFD4FDF7BF99EA6FAED4F7FE873EF7FC77D2DE9BEAAF889C71F69C0650329CCDDF27F1ED2D58F5EBA3F36E67C4FE7D14FDCF78157BFFF92F9AA695E33CD43D3BC669AAF1F9A3FFBA5F99F3FFEE3E7BFFEEB4FFCCBCF3FF2F99F7DE80BDF7AFC631FD87D0C5B29A41CB1882316B08603CE70D81549AC26F21B39C807200108D82A96B7CAF9F5526239BB3CB13A3F641F393577EAF8C4F15B864F9E18EB393D716BCFE8C8F0C2C49025B0E40F2E06E36BC9A4371B5F4D473DF1DC4E21BF9DCF6E664BFE526E279FDCCA647CF962A00C8640305C2E45F3C568114E55CA51000883501404E3502952248A049EC3D00C82A7313483605914CD20953890DB4E6131904E22496FF4987D7462AEAF7F757ADE33B1E01EB37AC6EDDE19C7F294DD6B59599D5DDCB6AF6ED93CEE19E7967D75656EC96D5D765B966DE336D7F4D2BA7DD53DBFB4346D5F9C5D5AB2AC2C8C5B972D2B6ECBB273D2B632B7E89D7765D702EFBDF7A1A72EDD7687427EEDA34FD591F8ED1AF2E65DBDE475013BDE75CB58D831FB9BAF7C89F2EC109EC83FBFF393E68BA6F9AA79EDDAE175F3F0E8E8BA79EDC8FCDDCBD7BFFBBD173FF7B95F7DF463FFF1C4BB9EFBD0477FFCBE0FFDE793EFFFD203EFBD8C74E1B522B80E14BC40691300B6818A1FACF8003C5021823019C2103F0A6E41C57530E408AE4C79660717474E597A4FCCF4F64CBFE9E6815B7B477BFA2627C716344C6E12D536D3AEE1F53DE9A0C5B615581601DE80952AA2AA15B546D6254891408D2F8B7245E2619604080111144C6D732DA1C25365022F22148093658C2CE16409C74B2851C6907C4540388356906439ECDED9747A8F2D8F4FAF4E5A3C130B2BA30BCB2316CFA47D79D2E69AB0AECDBBB69D9E807B33E0DE8C78039BB6D5D0CA4EC41B8C6D84F3FE54CE970442B9FC4EB21CCC2219084E8344010513252C0DE26990C9227C962213009BCCEF91440BCE3FD8148D62F8C1B604FA3D21D77C66C3BD70FAE4072EDFFB9E33776C1D9F79F68EA7CC3F9AE675F32FC7E1E1A179649A57AEBCFCF5AFBFF80FFFF0D3F77CE04B0F3E76F46FDFF8EE537FF3E587DEF2E1FDBBBB195689B37C9C43FC2819C2983041053136424A714A8CD24284E1223CEE27E06D30E349F99DE1D9E195B1C1C5E17E4B7FEFF4A993E3A77A676EED9B9C9C710059B0CAEA0226CAB8AC108A408A1CCE4B842011028F3002C2B1102B618A848812264898C0B3024B730C4E73042393A280712C42722845000803130C8C912588292174199550A6104D07D77CAB768F6B7EC93A613916727A5C23B32BA30BAE61CBCAB86D79C2BE6EF780B17425912D8563595F104E66A07806CB94E16481CA237C9990209A29A0741E618B980852780160419C830816C425985011A68A0A4D5CB9A775DBDD8D7D3691D4F219BD98D2CA4928B09A5BF3C456DC8BC3A32B83530FB1DDC2E4FA6E5AFCF9E77F7C74DD3C324DD33C348FCC1B67E6D1A1F9EAAB2F7FED5F7FFDEC477FF8D4D35F79E42DE68F7EF8B9071EF8E0998B0FB07AA7C0F271824D5268B0C22629220873715A4AF34A8253E3422357ADA63531CAD32112DC2947DD49EB987BACCF36D6BFD07F6AAAF7D464CFC9C953C396D303D3384A7138A7B3AAC22A122D2994A45092C64A12CECA0477E352C07881142542940881A7388E643982516841664589E1789266608443311127B80AA662748757A91C90F545D7ECEE0DA7D735BFE49874EC2C6F1D0B2FAEBAC72DCB238F89FB0000200049444154A373DB0BEEED05F7F2A4CD35BBB0E9F4045737F2813007545800A04B25325F22F325B20411C5325E2891258006201646980AC4A1D80DF9C463B484D30242A8247BAEDA79DB5D0F7CECC9A7F0700C0DF8F9745CC82613AB4B5B76C7FCE9016023E4EE99AED8231FB8F484F9AA69BE6E1E99E675F3D0340FCDC3A33FADEBD75F3B7AFED72F7DE95FFEF7231FFCEE934F7EF8E0DCD1BF7DEB5DF5D6E37AB79545AB5952C9D06DB84A475025CB496956CE0B5256D4B28A92E01A79B95E90B5ACC4C739245849AFE7562DBEE9A1C591DED9FE5393BDBD93274F4DF40D5A4EF74D6108A9B3AA464A554E33244DE33583D3545A36385D262583D36546D1054316749953355E57249DA1788116554E151941E16599E5159A5169C620B936A7F065AC18486CD89617A76CF3A3738E499BDFBD03A74111A18F8596DC4BA3D3CEC1A9D4AAAFB8134B7877366CCE158BD33A3EBF383D1F72AF15C3611E023918A2CA6516426900E62A9842300282F128C621A880920A298A182713824C300A41D5686E5FD11FBF74FBFB1F7A4848263A950ABCBEA1E573E0D676CCB9DC05C9CF3FF8AE2F3DFAFE5F7CEADFCDD74DF3D0BC625E378FCCA3A323D334CD23F3E806ED177F6FFECFCF5EF8ECA7FEFB7DEFFEEA238FBCAFD9FD8F279FBE07659B49A49DA7B50459CB8B6A861793949C66E40CA7E6043EC32A59B19A136B79BE5612F5B22CE644324210317AD316B18C2C8F0F5806FA264FF78FF58ECC0C0C5B87A7ECDB3BC14EBD5BE50D8DD734A5AA4B5595AFEA7C4D650D8DAB1A42DD10EA55B1A14A7595AF1A724D91744DAD29A2210BBAC82B3C2BE8B222B3EC41B58EA50A255FDC3BB3B832B7681BB32CCD3813BEB888F24DA12AC32C9A2F1FF339576D43538EC1A9C256080A456E88432C91C9FB62BEC5F59579D7E2B4C335BBB8B5B85A0AA70C826E8BA24A9206C72A0C25919442732A2D6BB46CB0AA42493AABE98CD295AA1765FD2E43A71309369B092F3AFDB63924E2DF5998B940D1FFF9771F7AEE9F3EF1AB6F7DC3BC76CD340F0FFFFF79FAE8CFE395D7CC3FFCDEFC9F9FFCF263CF7EFDC1473FD23E7890E0DEAE75F672F86E896B141825811919464BB35A9AD333BC9AE5D42CA7A7C566516C14B86691AF978566453500A58337A938135E4E3BA7BCD323F6A181E9BEC189FEE199C161CBF4F4E2D6BA9F230555D06B7AABAA350DB95655EA9ADCD095A6263754A9AE2B4D5DA96B724D97AA55A956556A8656AF197543ABD6557DAFD66C882A98CC6E3856D717DC4B130EDB9035B8189461A123D46482D3399982101641191839E65FD9B08D4C2F4F2E147682370C7E349EA633393A5D600A7021908EAC451D938BCE29A76BC6115E590722718D209A92D0942595615586D7184567359556645A9328B52ED676C5EAE57AF3FE76F3DE66FDED775C0A2C2E2E4D4CB827C69DA74FDD8681DFFFFBF7FFEADF3E73ED85E7CCC3374CF3DA9179F817C87F617DEDA53F9A7F7CF9DA7FFFF8971FFBC4D71F7EFC83CD338FF1F5F300DBCA518D126FE4E86A9E5153949666F50CA7A55925496A695649324686A9E59856496896857A59A8019294E36A60B5BC0D6DD8FC3323B6A971EBA953A3FD83B3E363F6B91957702BAAF255436DD4AAED5AB55B37DA0DBDD5A8EEEA5ACBD0BABAD632F4B6AEB5AA5ABBAEB61B6AD390344D506AA2B267346A9C548EA4BD36F7F2ECE2D2F8E2A6758BC89012209DD3CF56194D26381E23798C94299AC3101A458F4556B7E7FBC69646A7A1600C8DC5D1589C48E5A874964CE6981C406400325BC13395CC76D235E974CD2E2ECD3AD69DCB50268D150B1777BB555ED05849675595D3645657B89A2E1867F4061C0E6970E99987EE7DE2EEBB626B5EDFD2CAEAD48CA77FF0A96EFD7B1FFD9B2B3FFEAAF9879F9B575E368FAE99E6E15FCAA1691E9AE6E1D1D56BE6EB578E7EF382F93F3FFBED673EFB1F6F7FEA1F2E3D743F6D9C87A54E9957F3AC96639524A92449394D8949424AD142921292149F20D51425C5F15A9ED7F39C5E106B90D6451B35B0CA2499D052D839E19A18981D1E981E1FB5CECD2C2FCCAE90105757BB55AD6DE8ED6AB55BAFB5EBD556DD686B4ADBD0F66E84AEEE56D5BDBADC69CA8D3BF62FDCB177562758389E5D9CB15AC7E797A6169746970A3BC57D71BF2B74AAB4B1AB75244290188E235991E6798C960986238863999DC8C2C0C4EAF44261C78FC51378228927B3642AC3E44A6C09E441940620AE82E9048F2421DF4AC035EB5A18B758672C8B367B707D83875183E1349AD70445936B92A86BA27E60B44B3BA14A28F8E49D173FF68EC7341808BBD7FC0ED7FAC8D88322F95F7FFFCC8BFFF985EBBF79CE7CE315D3BC7A74F88679787464FE395F9BE6D1D537CC2BAF9BBFFD9DF93FBFFCFD17BFF4930F3FFBC5071E7F52DD3FC8B39D92A8E705218A2A499A4F507C821213341BC1F938C1C6703649B251444BD34696D5F3829617F592D6429A67A82E1B23B2DE8C6BDA3DDA3F7BBA677472DC3E3BB93C3034DFD03ABB7BE714BD5533F6DA8DB3F55AA75EEB34EA7B55AD5D533A3565D750767575AF661CECD70EF695964250B140C83A61599E5B9EEB9D5D9A5A89AF252540BEA05FE8485D9DD57441AFF286CCC83223F324CB1194CCF22C4E720C7F2CE1DDB1F48F2E8ECD542231229D445271BA54C2331916006800A24088811111273818674152256516604AA1FCAAC5E398B4D9262CAE393B94CAB4657557ABEDEACD86546BC8C6B9E65E2118B10CF62556972AE1ED77DD73F9CE46CB677186E62C9D6CF46BEF79B3F98BEF982F3FFFFFB13EFA53CA3E3A3A3A3A3A328F0ECDD75E35FFF007F3D7CFFFF4539FFAF5273FF3BDA7DEFFC98B0F5EC8310705FE5C45DF2B291D4051322C1B23D818C1C5493A4E60A14AC50708494AC9B04641AC9614BDA455A16AA3526F80D52654CB6FE43C968D9961FB50DF8CDDBA363DEDE81D9C22604AD31B7AADDBA81D34AB676BDA7EA376B65ADDABD7F7EA46B765ECD6A46657DF3D573FE80875289AF53A56E626E717A6ACD671476E3BD3A49AE76AB735F84E8D6FCA8C7263B741E3759192245A921841A0380167648A6730EA5872D36F1D1C5F1818C3D219249D220B592893C68A790A045804A55194230816C7798C14304E40E92AA9EC0AAD2AAEA3496C65D6ED9A5E5A9E77B82DF6F466A046F27B4AF58EBDB3BB5AAD1C89AFDBAC9115D7FADC8458CC5D9024B5503E43D2A27FFD679FF9B0F99B1FBFFEFC73E6F537CCA3378E0EAF9847578F8E8E4CF3F0F0FA55F3E8BA79FD0DF3CA6BE64B2F992FFCEE0F5FFDDA1FFEE58BCF7FFCD35FBEFFF13331E81397DEFA44EDD2C3E241354B4B29524CD1540CA762389BA4980489071031C5A8395EC97206A0D62AB53A5C6FA1F51A583DCF9F0343F0F2ECFADCA87364607EC9B9393A65E91B9B2CA44BD56AD730766BB53355FDA0619CAF1967AA8D835AB5DDAAB6F76BBBB775CE9DADED6503C94DE79A6BC6E19C72DA279CB940B1C9B42EB66E6B2BBBBAD854A5BAC4681AAFABB45C13AA9A5093584564E4AA54A5115A26451E6539843D16F3FAE607C62D83137032C794CB74A988170A1408D0159842301A27789A12288A232811E7154E92295EA5A43A675C685DD049038E23AB56EFE2B46379D6B9615BCEEC84885CF940A9754839B3BA53DC0E82C15076DD1B73D89FBC70E173EF7AE276A4FCD37FFCE8D5FFF9AEF9C64BE6D1B5EB8757CCA337CCA3AB4747D76FB03E3A7CE34FAC5F7DD9FCE3CBE64F9EBBFACD6FFCE6539FF9D9079F7DF6ECDD5F7BDBFB1E661A0F0BDD7A8E5252B89022D41C8FEC007C82A2C2281326942CAFE5050350EA15BD8D351A48A38E181DA2755E3C0F45D06D5764AC7FDE32B33C3262E91D9BFDBF8FF796B358BD7ED6D00F0CFDACA19E33F4034DEB687AA3A1D7CF36769B9C5A891757E75C8E498775CC6A1F732009EC8C71FE62F78E83E6859A5CD7444395AA8A5833A48621D475BEA6F2D51B9B3B02ABE89221D1124F0812210A98782CBD1999EF9B708CCE677D51225726F325BA54622B188B902C427238C713BC48892C4E53082153BC420B2A236ABC2ED39ACAD6DAFA6E936F4111C0EFF0DBC71CF629877DCAEA77ADB6318A4A66B8542E6475CAF912ECF34BC9F8C71F7AE05111FBAF4F7DF0CA2F7E6C5E7DC53CBA6A1E5DBF510FAF1F1D1E1E5E33CDC3AB6FBCFAC69557CCA36BE6EBAF9AAFBE72E57BFFF9C2E7FEF1854F7FE2DBEF7CC7B3172EBD43DFBF13D53A39464B5142821453B492618D2CDF2C286A82E363A49AE58C826814A51AA4D560DD0035159655503E279CC1126472BBB030E1B2CE2C0F0FCEDD7C7ABCBF775A645B8DFAED9A7A50D5CED6AAE76BB533B56A7BB7B3A7906CDA17754DDA17C79C8B63AECD797FD8155341F962EB8E33F5DB6A4A47D35A9A68D4958621566FF4E0BA58574443127551D0784E91C4AAC06A022D09A4C8138244C8C7525B21CBE0C4F2B4B5104920D9229A2B60F93C55AEB020CE2394440837C4ABC8082223889428B3A2C22A32A70A94C2110A4FAA0AA3B7E4EE9EBA4F97B89037BA32EF5A9973E437834C3A776FAD9D5FDED0B3E53604BF7DB7FBE1CB97DE77A6F9DBAFFDB3F9FB5F9B47576F50368FAE9AE6B53FC78D996BE6F537CC575E32FFF882F9931F3CFFD94F7DFFA9A7DE576B7EEEDE47CE17B0BD3CD5CE3346861112A49C62950CAB24692DCD4A714A4DD0529C34B2AC92A18DA254AFE85550954A4C1DD3CF4B6774C42846A0E9219B6D76657CD47AD3C9F14D6F626FF72EA376BE513B575376F7EAE7CE36CF74B5165680D6ACAEE5D945E7A8C333B3165F4DB7D9BDB3DAF98BAD3B6A7CBBA91FE8725757DA75ADA9F3B59AD4D4C5BA26D434A1A62B7545ACA95253959A1CAD09BCCE332A474B3C258AB47A2CBD1D768ECF59C7A632810805C05801204A300B9202CCF0082360BC44CB2AA7898CCC5302C7CA22AFA882A6B0AA4C6B22A9A8ACA12B758937AA5A77BF75B1A51DECEA0775B6965C0F65573612F39EBB893ABD1C55B7939FBCFBBE1F3DFBB75F7CD7A3577FF203F3EAEBA67978F8A7BEE306E5ABE6D11BE6D115F3F015F3F025F3F5E7CDD77E75F4B36FBDF68DCF7CEB9D0FBF8D219F10D4C745FD224475F2683B8DE9314C89E15A8AD293849A40A43824252A721C9693081D05D050010EE5CBBE6C6E3B15F106032B7E34899DAFDDCE80CAE2DCBA7DD6333BE65C9EF776E48386B2B75B3B7BB17DFEBCB18B65CA5EE7AA75C2B6306AF3DAB632BEFC59E3B6DB5B97CF546FD3E56E55EBB66BDD86D6A929BB55B95B95BB2A5FAFAB5D43EDDC80ABF25585330CB966087595AF2B5C4DE46B02AF73ACCA328A2818C7921B61CBE08473D25288246810C18B2005E02C44F328C7C20C878922A908842CD39AC26B3CA7F0ACA4F15A9537EA62C3E0AA8658D559CD901A9250E7F9BA24340DA179C7DE1D68B21C9875DD2FEC99BF33CD6F3DBF17842E152A5F7FE2ADAF7CE78B47BFFE6FF3EA6BA6695E37FFEC3799D75EFBD54FDFF8E58F5EFEFE575FFEF63FFEF6CB1FF9DF4F3FF5938F3EF6DF1F78F8F30FEEBE852EDD0314AADBFE7339E0A08818D15C3552D0A3B01EC38410A44621255AE64259642B5A5A0F479CDEF0A2D76FF7AC2FACACCC2DBA2DCB8BF3CBABCE4D8F6543C1EB688E8FED942CE3EEA5D95509E4CE889DBB76EF38ABEFE6B7E2DB0B6EE7F89C75C2B638B5B269F735B9BD5DED42BB7E41D37615A35B6D1C548D4E5D6B34B55653EDD494DD1B4B5B608DBAB1A74A4D5D696B7243136A55B1A1F1BA2AE8BAD29484BA24D479D6E0688DA1D463595FD43238611F9D4192653C03E179982C635499E01086C3398E96385AE1195DE10C895554D950055DE37583D3ABBC5113AA35B96E480D4D6EE862B321B69B52A7AEB6778DAE01D1E846C0FCE36BE6B557CD6B87E6CBD7BFF4E05B9F69377FF0C9F799D75E348FAEFE59BA5C3F32AF9A4787BFFF8F6FFDEC0B9F79FE0B9FFAE9479FFE97FBCEBD5BC61E80538F32A55A78AD6C9F8297ECDCC6A6BA131236C3D5484E0FE58C08A08641350A09FE0CEB4BA01B8192673BE658B5F48FCEF68D2E0C4E5B87666D6316E794D33DE759B36FA5B6CB1C586B52E7D08C387A7A8188A0FB901A5BF0A800BD386E774E381CA3D6B599B5E052B4C1EE77E58B75FD8CA67524BD296B6D556D1B7AB36AB4EA46B7A5B71B5AA7AE7635A953537635A953FD8BBC549A86DAD295A6AA3454A5A14A4D4568497C4DE4748E56445A3D16DDD8B18FCE38C7E78AA1249E872900C740E4C62F37122D49AC2272BAC4D724DE105845E1355D306E24A91B6557E3AA9A68A852FD06EB96D46A29CD5DA9B157A19F68B7CD577F7BF4BB1F9B872F99575E315F7BCDFCAF1F3D7DAE63BEFC8279FDB5A31B86DE8DECFCEAAB7FFCE1770F7FFA83E7BFF40F3F7FF699BFEB1A8FC24023E8A7BDAB59DB7CD66E05979791152FE1D9AE86B35A20A5055246B8A8040ABC2F2D05739837585ED94A39D676661637E797DCD38ECDF9E5F5D9A52D8B7BC7EE8DAF8633BE6C2108B08056A3F665B8B561F1DF4EEE29FE726CDA55D9CE5A4F2FCCF45AB25BC51AD63D5BBDF3A071B9A59FAFEA07B2D696F58EA2B7B46A47D35AAAD2A86ADDBADA6ED6F60CB5A3295D43D9ABAA7B9AD2ADEABBBADE5594962AB774B5A3CA2D5D692B62A3AA7525BEF627DC8C7E2CBAEEB78ECED84767C0689E28204419C3109C82299160658A971959E53499ADCAC28DCF277455AA1A5243136ABAD8AC299D9AD2B961D6D4944E43E9B694764B69EE29F53328F3ED27DF6AFED737EF0B7BCDEF7DE38D9FFED8BCFA8AF9DA4B5F79FA89D77EFE63F3F0F523F3AA691E1E5EBF621EBEF6C2CF7E605EF99DF9FAEFCD5FFFF4671F79DFFBEAD5CB10A445E2B5745E0BA7D5684608C48D68965AF5939E801C48EB812CBF99E0B7D2F46692DC8CC1DE50D1BD13B3AD25ACEB51E76669335E588F029BF1D2663CEF8D94B79248B84027113ACFD499EEEDEDFBD2DBE507944B8AAFE41F5A903254722D75AE7EFBD9D6E533B53B3BFA859A7620CB4D596B6BDAAEAEEF695A4735DAAADAD4B48EA1755BF57D436D35EB6714A95DD30EDAD5B35575CFD0F674BDABAA6D55EDDE10F486DA51C48626B774A52D0A86C0EB0CA31DCB0553B3BDE3B6E1592C0D120584047002232984B8C15A67559DD514A66A480D453464C950959AAEB534B569A89DBADA35A4564D69196AA7AA75EB6AB7A5755B7AFB4CB553CB81E6733F323FF9E1277371F395DFFDEA1BDFBCFEDC73AF7DFB1BAFFCC7BF9B575E79E9B7FFFB87DF3E6F1E5E37CDABE6B53F9AD75F34AFBCF8EA77FEFD9B6F7BE2BD6AFD2194BD50C43A69B01E2BD4D3652351B89310DFD938F3E1F3F7FD4DF54233546A4421D69B42DD517C3D565ED94939D60A6BC19C2758F6C6428EF580DD13595A4FAFF9F39BE1EC46888C958534A4E5493289F2A02CD1CDA193730FD7EF967D406C6AE53CD7BD50BFB45B3BDFAC9F6935CEB78C33CDDA5EB5D6D6F5B6A175ABEA5EA3BAAFAACD6AB55BABED1B5AB751DDAD1BDDBAB167687B9DDAB94EED5C4DDBD7D58E61EC6A5A47D3767575D750760DB5A3C92D55AA2B628DA6245569B0AC7A2CBAEA9FEA1D5B9CB295A2391624F1128A222483B32CC62AACA2F1BA42A93A6B684243955B8A5C57959AAE3534B5AE6B0D5D6BE94AF3C69B65E8EDAAD6EE56F79B5A6BCF68750AB0F9FBDFFDFC91073E46A2E66BAF5DFBD5FFBEF89D6F5FF9EEBF1FFEF267E6D557CDA3AB7FF8C52F7EF08DAF1FBDF4C2ABCFFDC0BCFAA2F9DB9FBFC5D0DEA535DF293405B77FFBD4B86FC2E2E819DC9E99DF9898CE2DAF229B0139927BF7EE9DFB599C580C404BA1AC7D1B5C8B669777505FAABC1DF3DBD7DC13B685D185B19EB1D193A3B651AB63626171CAE61CB1ACCF2E7169188B00AB0B9BDB2B6930CADE215D56C2F8DA49CBFD7B97BAB5DDBADA6E68BBB56AB7AAB50DB561E86D5DED68DAAEA6EE19DA5EADDA35B46E55DFAD197BF5EA7E55DFADD7761BF5BD86B6DB32F66BFAAEAEB40DADAB69BB9AB6ABCA1D5DEE6A5247111BB25C97E5BA2CD514B1C131FAB1E446787660DC31310F26B32C8452004A112C47F21CC9F3ACA4F09A2ED6AB7253111B9A72A34AB475AD55ABB675AD51ABB6AB5AB3A677EA6ABBAAB5EB46BBA9765A7A7BBFDA3E0071F3F72F3E77EF83EF2B95CC37AE98E6CBE6E14BE61B2F1FBEF0ABC3D7FE609A574DF3DAD16B2F9B2FFDEE936F7EE4E94EF3871F7CBFF9DC7F99575E335FBB66FEE2F79F79F0A98B80CCEFE4A1F54872D19B707AB24B5E6C2B062EFBDFD9B8F36FDBF7319E34E1CD9556E3157F968897539EC0C68CCB3BE7F658D63DF3DEC05230B19AC8AEA5B0085405D5BC374E468AE04E96C9B197DA8F3C76DB7BDBD0593E84794E2F9CD53A0DBD5537BA35A565E8ED4675BFAAB50DB5A5295D43DB37B4FD8671A66EECB5AB078DEA7E4DDFAD197B8DFA5EADB65BADB55BF5FDA6DEADE9BB9AD2D6D55DC3D8D7B45D55ED6AEA9E243415A9CD4B75596E4A4253E69B02AB1D0BAF07C6FB866747C6A16C81284134485008C7E01C430A3CA78882210B7585ABC97C53E69B8AD2529496A23434B5A92A0D4D6D1A6A4B97BB3565D7D0BA55ADDDD03AAD6AA75B6FB701C4FCE6B7AF7FFAB3FF7CE19C79F5C557BFFE99E7DE71EFD71FBBC3BCFEF29F2C27F3DAD15F9CBD2B47CF7FF56BBFFCDA17CC5FFDD07CFEFB2F7DF99FDED3E9EC264AED04B89FA3BA19BA1AC1854D905ACDFEE6F33FF8C187BF687EF7056D0390B6206A0B0C2EEC544260713B9F594D66D752D9ED5C76330B068A5808A442101502B0AD02E607F92C5303AB757CF77CF59EC7EF78BA8DEC611B001F42F7B5BDBAD1ADE9BB2D635F57DA55754F57DA86DE6ED40E1AB5B38DDAD9BA7ED0A8EED76BBB8DEA6EDDD86B18671AB5B3F5FAD96AF5A051DFAB57F755B9A36BFB9ABAF79790D5AE2CB715B92B295D59EA085C5D64EB2A5B3B960BA7C74E0DCF0C8E130042810453A13958A4099E65149ED304AE2AF23549A88B6C5D91DA9C5813E486A4B634ADA3AA6D49A82B5253573B357DD7903A4D75BFA5ED75F54E476E1C70DAA71F79CC7CF1A51FFEEDBBCD577FFBC3872EFEECFCEEC778D4BCFAB2F9C6CBE6F5D7FFAC12CD1B5B8DE6ABAFFCEE9BFFF66F6F7BFCE37BDDBFDBED3E2E886732C06E12D84DE3CD04ADFB716313811D51F3E77F3CFCF10BAF7CF5471F6C3D7C5B4A35A234E603CA9B7934580177C0A2AF04FA4A68102243301180A82042F82B6408E6E264136CB4D14E13EB34C9DD47CF3FDE463BF87A494D317BFAC15EE77CBB71B6631C1852A75E3F5BAF9F6DD40E1AD5FD4EF39CA1756FCCD48CBD66FD4CDDD86BD5CE35EBE76AD5B38DFAF956E3EC0DFAF5EA19CDD8D7AB67547DBF6A9CD1D55D5DDDD3D5BDAABEAFABBB8AD212C5BACCD68F6582C9A1E3FDB689B97222C740240D912CCC7184C4522ACFE8225B17D9FF978AEF8E6EE3BAB386889901D8AB8A6DD9922DC96AA63A7B4721409020584082047B033BD131BD577480942DD7D829B6E39475BC291BA7387136D59BB25FB289B3E9C58913775B9225ABCDF70768EF2ECE3DEFCCE19973005EDC777FF7FD30EF05563CA1D5E5C8CA52786525B4B212D936A635C4EFC5C241CAB781073688B097DC588AA0411AF1E1B81F5342F4D646587DEFE23B3F78517DEFCD97D0F08BA3235F59F5A8372EA957DFBB75FDFDFFE13A47F707D7D4D7DF505FFECD6F3EF9D433BEC8D6A4E75301EAD36854766FE05DF3CB670739C7C62B2FBEAC5E55D56BEA1BBF78F9AD6FFDBFF87060B5CDED318E8D36F42D744DCF77CF0CB5395D6D43E326F770CBE058DBF0B46962CA383E6B9D59ED5D090E8702A391C8141A99C5A3E114E56186EBFBD6FA3CB0170B87C9508888042938CC05FD7438C886FD341260C25E3CECA7837E0A0E739108130C9218C2E3088F450424C247422C1C64910003FBE9A0970C04287F900E87D9B09F0E7BC9D00601FB18D8C7F857D11CBCABA8A6D7D87D47C9EE7B6FBB67B86B606164667E746661D2935BBF2CCE7B7344AF2D45D65660EF3AB6B612F66DA0EBEBA8CF47048374D04F047C78284087834CC847A11116833934C2E2615A80596666597DE79D57BFFD75F59D777F9FD8FAB4A9E7D6B7FF5DFDE0A27AF53DF5C6955B373FB8B5DD78FAF00799772FDDFCCD9FFEF2C5AFFFE8FCC79E67D289614F72640DB78E7D49BCF0E7AFBEA4BEAFAA1FA8B76EDC546F5CBB75F1ED4B3F7EF9E1396CA57E08ED5F5BB3CDC1AE8DD5BEB9FEC6DE51C3F068876BAE7B6EACC33DD13E3E65989CEB9A5FEA5DF53A838151383C89E18B0CBB2E25C2E98EA36DCBCE452488FAC3483882C3211289B0E1301B0AD0413F110A90C10006472804A611840BA1344AF0E13089C0244908084C4722542444C361060ED1E120B3EE4383113A182111940A04E14010F6FBC2411F9C837F23BCB11ED6D85A4CC7EE3C7864CF3DD37D6ECFF0F4F2A4C733E5F1CC2C2DCFAD2FCEAFAF2E05375623DE35D8EFC5BC1B11EF1A1CF0E1E120E5F7628100110A51A120EEF7A3C1200E4728384261288B232C09B332CCB173ABEAC577AFFCF425F5ADB7D4EFFFF4E343A3EAEFFFA05E7947FDE0A27AFD8A7AFDEACD1B573FEAF3A9B754F5E2E55B7FFEDB3BDFFBF1DF9FFBFACF1F7EFA291FF5B1653C3632FFFBCF3DAB5E7C5B7DFF2D55BDAAAAD73F78FB2DF5FAF55F7EF6F94F2CB1EB75AE40D7B2AF7771DE384C8CAFCE989D5326D7B87164DC38EAB1CDCD5B6796BB1716ED9E35C7AADF190C8EC0A109149927A38154CC9F3AB1E724B74E2181088E623C49B31122BC118603281EA6D1108604613810A1714260D89818A53186426981E258842422188BD3702022D2BC48897136265212470A0C2910308987510A438908C2E22407933CC270308DAC87512FACB1341BEEAEBAE3BE3B0F7A862656466756A6165696563796BD2B4BEB2B4BABABCB6B5EAF7F6DD5170CC0C1001208223E6F381C4231948A84B170180E04C3C1603812820982884422300CA330C2A1541CA1C4C5C5CB3FFFB1FAC6DF5FFDECE7D55FFDFAE66F7F73F31FAFDEBCFA9E7AED927AFDB27AE38A7AE3835B373FEAEDA9372F5E52FFF1FADBDFFBD1EF9EFCCC9770E1EBE2D65341EE774F3FF7558CFC7E9C7FFD9B5F50AFBFA65E7C457DE79FEAF5EBAFBEF09F9F09A4379A47E9FE8D70D7ACBF6F66DDEE5E300FCC1A07E74DA3739DE333E6F109937BA16776B17B7EB17BDE3BB4B131BC111A0F61F37834185302D1B6C32D4A50E0BD08BB11A256FDF48A5FF1E3DC061A0B319199157C6903595C879756C39EE58D890564DE0BCF6D042617C3332BBEA985C0CC22B6EA0BCC2C7B273D4BCE89B59139CFC044606675AC6770617462C9ED9E19189A1D1C9976B872BB6966FBC726BA5D9A9E76D3D13D7755DFBEDFD33F822DAEC34BEB81E535643D48FAC3BE8565CC1B44BC013C1096291EF72151421242341720C975580851714A96508EF263714A6682588C14648C1523A4E04592EB487466F69BE733EAC5377FFDB9CFFFFE8B5F56AFBDAD771EBF080000200049444154DEBA7CEB838BEAB54BEAB5F7D51B576EDEB8FA3F4E72F396FAC1956B7FFAE36BDF7EF1E5273EF99D68E6692FB635B9F43C293EED5999DFBFEF298FE78FCF7EF677CF7E46FDDB9FD5AB57D5ABEADF9EFBA1605F11DD6162D83B6F1C9E6CEEB19F6C986EB72F989DB3C6C139D3F0A26D72D136BDDC3DB76C9FF7395742E301782A8CCE2189485209449D8D83E422517BECDCBD7B0F9E3E76FADCB1B3C7F71D3D79E8C4A943D5678F9C3A7BECE4C9A3C70FECDB7FEEC4A993F71EAFBEE7D88903C78FED3F527D6FF5A9A3A70EDF73E4AEBDFBF6DFB1EF9EBDFBF7EDD9577DE0F88983D507EF3C74F7DE03C7EFBDEFF0DD07EEBBF7D8917BEEBDEF9E63F7DD73FCBEFDC78EDD75ECDEBD873586D37547F7DC756CF79D7D2DC6FE5653674D93C3D0D5DB66EA6D330D5ABA1C46B3C364B5B67474B59A06CCBDE69A36C3D946736D8BADA9BDE9444DFDF1332D671A1B4E9CAB3D7EBAA3B6F9C481A3CDA7EB1AAA4F9B4ED774569F6EBDE7EE9EFDFBD48BEFAAD72EBEFBF3FF54AFBDA35E7A5DBDFE9E7AFDB27AE3AA7AE38A7AE38A7AF3EAB52BEFA937AFAAD72EA91FBC7BE5573FBBF2D2F7BE93CA7C26889E1F5F880F4F4A8EA1B5D37553878FA9972FA9972F7E277BFEBB171E7DFBAF7F53AF5CFBFED6A7226DC3C4B0D7EB58749EB64CD4DBCC87CED9ABEBA7DB6C1ED3C0B2C5B5DAE5F6D9E7BCBD33EBBDD3A19145787C9D580887A67CF41A2D069431D3E4EAC8C6C13DF79E3D5C53BDEFC4D13D47EA0ED69DB8F3D4893B4FD6DD5B7FF6D0B9E3FBAA4F1F3A5B7FB8AEE69E9ADA437575F7D6D71EAA3B7ED7C9D3076BAAEF39537BBCC978C6D07EA2D574DA5477B0AEE94853EBF1B6A6632DC633E6D6EA96FAC375F5C71A5A4EB6B7DCD75677B0B1ED68BBB1DAA039BCF7E0C1DBEE3E7BE4D4A1DB0EDCB7FFD83DBBF6571F3871F6C08993FB8E1DBBF3DED307ABEFBDFDE0E13B0E9F3B525B7BACFEECFEB367F69FAA3974E6DCC1D3CD279A4E1FAC693D6B6A3F6B3E77B8C15CDFD37CCAD4D5EAB0B5F6F436DB06EB3A67DAFBAD474F7CF9C14DF5DADB377FF35F7FF8FC336FFCEC47EA8DF76F5DBFA4DEB8ACDEB8ACDE785FBDFA8E7AE92DF5F29BEA6B7FBCFAAB97DEFAF6177FB499DC724F47DAED94CD15313916EA1A1B4ACB3ECB11EAB5B7D5F75EFF463AA15EB9A8DEBC76FDD7BF7B60C2136EEF93DCFEA0DDB3DE331372CCAC5BDD3DF79EB61E3C32D9D8BC68B22E77DA7D3D2341BBDBDBED5AB30FC1A373C4AC975808E31E3889C4910554F289FC0ACD2C93EC1ACD785936242968228E24F0154242A25C48A43758D12B64908CE097591F8FAF90C80ACA073821C4B25E52090AE8224C6F506C900B79C2C1C520B286D07E8A58C543F37E62030F2E04B065343C1B46E790D05C50E36CEF9AE8728E5B9D431DF65173DF7CDFE844B76BB26BC4E398591D5E5C19F278DDAB91297F707C039F0D0746D7E8258CF420C1492F3C1BC49751620523D7287C85E0FC02B64C880151F032D100C7AE60719857560259EF867AE56DF5EA9BAF7EEB9BAFFDC70FD56BEFA9D72EA937AEA8D72EA957DFB975E975F5AD57AEBFFABB5B7FF87F6FBFF8A55F7EECC2A3CB9E88B91BB60E444C8EE5C676C7F1939D77ED639DFDEAA57FA8BFF9F133DE79F5CDDFAB37DFF8F1830FF3260766EAE707E7320B91F87C04195C58E9740E9DA9EF3A7CA4EFC4C9A9A6B68576CB5A67FFBA6560A5AB6FA9CB018F4C12934B21F722B904F3010E5FC1B00D0CF34790753FE60DA31B91C85A38B41246FD446403857D081AC0502F420508CA8F633E04F7A3B931E20B2181081288900104F3C2F07A040D60FE950016C4A8304606228837006F04317F04D98820EBE1F04A00590D21AB214D70DC13995C5D77CDCDF5BA9686C6165DEE95B1D9D5B105DFDC5A6829B03AB3E25FF4F917BCFEF98DF0923FBC14087A7CFEF90D782514F4F8222BA1C84A28B21A44362291B530E643432B01D40BE3BE0813C4E81046F97CA161E73FFEFDEBEAFBAFA97FFBCDADD7FEAC5E7F4FBD7151BDFE9E7AF59D5B975E53DFF9ABFA8FDFDCFCF32FAEFDEC5B7FFACCC7FE05F6E1B64EB4BBD76BB0ACB61AA7EB9AECD5675C0D4DB63BF747ED8EA8B573E6D09D7FFFC253EAA5BF7E83C0168F9EC0ADFDA4631C714CCCB5750F56372E59FAC61BDA5C35B58EE3D58EE3D539BA17DA2D6B965E5FF780BF77081D9D0F8E7AD0D98010E0181F498729381CA130948844A8304206103288A30114F687B110424770C21B61FC08E385A94084F48789409089C064288C078254384286602288207E04F12378080F7B83F0869F8EA04410417D613C0023EB4164DD8F6D0470AF1F59F76B424B2BB837B83A35B330E65E9D995A9F9B599B9B0FCC7982F3CBBEF925BF67CDB7B816585C8FACFAE1157F687523B21E40D6C3C87A185EDB66990E21B82F8207603284D2119C0C207410A602113610E642216E69F1637040FDEF9FA8EFFEF9EA6F7FA2DEBCA45E7B4FBDF28EFAFE9BB7DEFCABFAEA6F6FFDE167577FF1E2E517BFF43516233A4D6BADEDCB6D1D8BAD86D19ABABEEAD3FDA71A469BCC23B5A6B11AC340758DF98E3B470F1CF8D166FA6B343B71FCC44A5BE74A7BCF6C47CF508D61AAC53E6DE8996CB38CD4B5F69E386B3C70AFE5F0317763CB5473BBC7D0E9B3F6ADDBFAFD8313FE510F3CEBA73728D24F623E140E2348280CFB832C4262FE48C41B817D301642607F98082264204207502E88517E84F487715F880C85317F08F505D16038EC0D86D643C1B56078231C58F285567DC87A7075DA135A0984560291B510BC16C2D643B8371859D9082D7B35F0DA0AE65DDF989EF2CE4C861667FCB353C1B9F9E0C242C0B3E45F5C0AAD6E0457D603CB6BFEA555BF6705F16D8457D722CB3E742D8CAC8622CB01CC0BA3BE7070DD0FFB60D807E37E940AA2843742FAC35420C204312588898BCB8F86375EF9D2675E7AE2BC7AE3A27AE51DF5F2DBEAC5D76EBDF6C7CB2FFFF8F2CFBEF3C68B5FF8415696FBEC4BB50D1B26EB5247E774436BF791137D67EB6D0D1DB646737F63CF68D3E0788363BCBEB3FE8E7D03878E054D36FBC16363B52D13750677936DA4A577A27DC0DD6E9F6CEF196D300DD5B6F69FA937DE7BACFDC0E1A1BA86D936E36CA361D1685F758C79473DC1192FBE4E84D731C487237E04F321749824C20401937888C043040193481025601CF687C910CA46283A48D221820C603C46533085870812A1893049230C8D305488A042041BA1083FCA842826C2221B2819A4081F46FA713A40507E8CF0A39AB0672AB2381B5A989D773AA7FAFBA7FAFBE78787E79D43F0F2F2DAF4ECCA8CC7BBBCEEF5ACFA97D67D8B6B1B0B4BB90B9F6723B41240D683C87A10F60723BE10E247103F8AF85164030EAF06A930460551264C8A615A09E3CA865FF12CA4973DEAF54BEAD5776F5D7C537DEF9FB7FEFEBBF7FFEB87AFBDF0DCEF3EF7046FEF5EACAB5968A85F686999AC6BB41F3B3570A6C551D3DED76CE96DB00E36F7B95B9D93AD8333EDFDCE731DAEDAB60543D75CBB65AAD532D9DA3DD1DA3B61189C340ECF5B5D331DBDB3C66E577387E35CC3405DB3F94875FFD99AE976A3A7B37BD9D6E71B9A5C77CDF92637D03592C6A32C2EF3A82011A244883C210884CC913C87F33C2E71382F609C80711CC2F2A810A5631CC2CBA42260A2408A3C2170384F632C87F312218A289F0387B0222E7008CFA2028D8A34427308C3451821C44A88A8F14F0D8567C710CF2CB5B1E19F995D9B98F6CD2FF91796D18D50642D145A0FE780F8112C8891411C0FE15810A3609A8C90144C31304161381EC1688CA1108EC1241A15595CA43196C1590E136522A660F13419DF2224797955FDE0B27AED927AF14DF5ADBF5FFFD3CB1FFCD77FBCF6C2975F7A68D35D7D6AB1A563A1D538D9D8EAAE6D1C385D3F54D7E66EB3BADA7AE6ACAEF1B6FE198373BAA57FDE30B86076CE1B0666DBFBE60D03F38681658B6BC33EE9734C7BCC23A181B9F0E0CC5AB773AEB3DBD9D0EA6C6875D4363A6A6A67CD5D0B9D3DABBD83EB4EB767606C7D62850A30513ECBE3B1289590494524159E94395A115845626212155508254ACA0A210984CCE2324B45394211E9B840C54452D9062571382FE2DBDF96880B3C21F084C021AC80891CC2730823E16C9410654C106141135918833D53E8CA22B2B282AEFB43CBDEF06A10F386512F8C7A112244E3C1DC94A1089824231405D334CAA31192C2398A60598211198123798E14184CE0C9680E02A5F0A42C52529456643A166752193A2A2C6FA81F5C523F784FBDF4E6AD37FF76F36FBFBDFAAB9FFCE35BCFFFF4E31F5B69B3AE1A6C6B26FB545D9BBBA679B2C930D2D0613FD3D47BAE65A8C9E4AC37B91B2D130D1677BD75ACC936DDDA3BDBDE3F6F1874D758A65A7A3DA6A139E3C09CB16FD13C386DB0B9DB4CE623D5DDA76A869A0DCE3693DB6459E81958B20DACF60EAEF58F04263CBEC93536CC0B4C4AE132321153C8B8482A02A548AC22F28AC02A3C29C7B8648C89F2B8C49351914E72748C67E2029BE06845A0148152643A2693520E12218A942452124F893C21C8B828208244C802C6C90417A36585901442D2445697236B2B886F3DECF546FC613880C03E18F5C25488C023188E12384A10184D22148BB13CCCB230C7E30A854B2421502447911C89332CC18B7494C1241697052AC6118A48C6382216653332118B92D1F342F67E36F10021BEF18B9FA9D72EAA175FBBF9FA9F6FBCF2EBCBFFFDD3D7BFFFC28F1E7D68E464CD93A4880D4D8CD71B46EA0CDD279B4EDD76E050F9DE03157BAD27EAE64C3DA13EF7648B75D6E0186BEE9E6BB3F79FE9301EA91BA8B18C77F48D770E8C1BBAC9498F6FC8BD475BB05757766ACF21F3F15A574BE74847D7A4C5BED0ED5CEE1E5AED71FAFAC602230BC1197F8ADDE488984827376317E27C466192329D90A838CFC822171558456063021B13E9A8C4C4625C5261E2513621D2518E8DF25C4C6063321D8B314A9456245A162845A4A33C1915085920648996E36C4C26258196045A1248512625911235D8DA1AE65DC7833E34184483613484E0619408605488206092C41912A7489CC9712D209C888A3C223188C860024DF02C25B2B8C89012434A1C1D63A928472B3C23F34C94A3920A9711C9589C4D64F94C868A5D6062BFFEC6F3EAB58B37DFFEBBFAFA9FD457FEFBD2AFFEE3F5EF7EF3574F7DCA6BB6FCEE8BFF96F26C4CD61B5D3546C7A9B6FE5AB3B9BA659F7EEF9DFA3B06EA6CDC982F6076C76682C1A199AD30EB1B9D83C7961FA3524FB0D96490F1589DE4CCFA893B0F1FA9D8D779A2B9F9E099F6233543ADD6714BEF8C6D60DE36E8B10D2F58FAD7FAC6D75DF3E1F9508C4EF34C9C67E20CA9487C4AE4920A9712E9B84044252A2E3109818AC96C52E152321B979898C22514262E31315148F06C426013329D50A8A842450542CEDD2051519154142A1AA56585926394225292C4CA3223CBA428329286F206A840800CFAF170180FC378182522181522A81099E39A22588A602994A6608A8B303CCCB31141406581905954E0712537B95846F91012C7CA2C23714C52E253312195903229219D15520F8999E72E3CA05EBBA8BEF5CAADD7FEA8BEF2EBCBBFFCE13F5F7CFEE5A73E218FB9FFFA95E71FF6C3534DE6F1E62EDB899629D3D0BC65A2BAF4F8C992EA9D9A8AE6DBEA8EE6DFED6CB0594E354A6BB07F6C71B6676463786ECC3278E2EEE347EF3C7C7BD16DFB4BEF1E6872CC59C7BA4E7718AB1B075A3AC72D7DD35DFD735D4E4FCFE86AFFE4B2637C65681E5DC7793CC63371868A0A7C5C129351252309699E4D284C5A2253717E53E132329B8E0999289F8CF249918EF2A4AC7009814B8A7C4AE2530A975298B44425052A96D3B5C2C4A3B422934A9456A2A49C6062122D49AC2CB3A2420B122B6BA840840E86C950180FC3780423609284713A4C32119A446802A3499C21303AD754E4708E27041E974452C98D2C1EA5708926649A923836CAD032C328021F178504C7C4452E2E0B719157626222CEC6D25CFC419E51AF5D54DFFBE7ADD7FE78F3AFBF7AFF573FFAC7779EFFCD334F3E11F2FFF8634F7C02A63C46DB684BD76053D748937DB6CD35DF34AAFE5955DF507FF7D40F11E3CC6263BFE9CE53BD27DB1A0E9CB29E69EB3EDB613F63EC3AD3D971A8D9784FCB608D7DCD36BBDC33ED6CB699CEB6F4359BC73A1D9E9EA1E9CEFE799B6BDA3AB43430B93AE689ACA2229DE4F0384F27099C67D9A828C464292172518E90443AAE88199E898B5C3C2AA565212E725159486E93CE25453E25B26985CB086452A012029B10D898CCC6653A1663E20A198FD2B118158B51318955245691394561158995355418C1FC2112C6B1304AC0E4B67E1196851902A6088CA6498EC618066779826722148BB1342192B8C45051914EB2A8C2E3124748142193A48C5332412BA2981485842CA465361E9792929C1095A42C25B2522AEAF7ABD72EAA1FBCABBEF177F595DF5F79F9C7AF7FEFABBF7AE6939FC422FF7EE1FC37CE9FF7F60C8CB674BBDB06E68D23CEFB4CDF7EE473EAFB37D56B37D5CBAAFAF7ABAF7CE63B3F4C3CF90524BB50D33D53671FAFB50F9EB20E9CB42C9927A65A86562C531B8E998DC1F9B1CEA1EE3AE370876DBAD3316373CE5A07C70D8E599B6BC631E1712F05573199CF4A4296A7938A9811A5382FC7784111B9284BC98A989285A4C845253E260B718989494C8C671392909685B4C424A27C5AE492029312C5EC871A4FC8744C2064998E45A9448C4CC5C8548C4ECA744CE11232179585B8CC4535144290304EA13401933842132843632C8B710CCA92084D622C857324C6B2B8C860028B0A1C21D1844CE2124DC6783A2931098190453ACA3371964E304C82A513229F12B9A42CA4152E119792921897A454544AA7F924BFEE555FFB9B7AFDA2FAD6ABEA2BBFBDF59B9FFEE3DB5FFAF707B35B6B8B5F8ACB2F3EF27078C8EDAAB774DFD73AD5DCE738D2A8BE7359BD76457DE79FEA2B7F79F7DBDF7DEDB9AFFD24FBD80BE283947D7AA9A56FB6A977A6D1315E6B9F6A1858EB9A090D2EF99C73F33DE38EC6AEBE269BABA377D2D23F6B1F1E35F44C5AFAA72CCEE5A19995F165780D4B8AE7253EC5D34949C84A528A136382189385A42C666429254B29498C8B4242E2132297E49938C72504212509699E898B5C521133229FE2D994CC67152E15E5D3312E19E75351361165530A938E71D9289B5298B8CCC6395A11B9B8C4C4345818276092C6581A63199CA3700EC71812630994C9514F1202854B2426529842E1128D47294CA1882843C5695261A8284BC9221DE7E9A4C0A4793A23305985CD8A548A27E3129310B938CF4425211D17B3312E99C6E8FFF7FCF3EAB58BEA3BFF50DFF8CBDF5FF8D2EF9FFBF4D7B652F4B83BD8EF48ACAF72734BA30DA6F146EBA311FE9FDFFD0FF5EA25F5CADBEAEB7FBAF6CB9FBCF3CD6F7C8DE69136EBEC89A685DA4E4F53CF6C937DA2B66BC538E2B34D11A35E62627DD531396D1D19EE18186C75385BECB3B6918156CB50876DCCDC3F6975CE0F4C863CC1F9D145854966942D994D0A5C5A1052A29896A40CCF2745312D8A69514C4A524AE0E3029794B88CC867583E2D499BB298E199B8C4A724219D7392A8B8A570A95C92897169854B295C4AE132B9BAAA700981520436267271918E6AD0084922348D304498A4609AC1399260499CA1498EA54486141852A2708944650A8BB25494A5A22C19E7A8044F27192ACAD231868A72748CA793229B1198AC48A56426A3306985CB28624614128A945584CDA47C7F52DE1242F0E3B1A87AF55DF58377D48BFFF8F5173EFDB18D95D4CACA6ACFC08CC93A69B6FA86DCDEBE914F09D1375EFA917AF96DF5F2ABEAEBBF575FFDEDD59F7CF70FCF3CF9C0CCE2CC89B6C5D6DE55CBD0A27968CE30B86074AE9846033D331BF6699F736ECEEA9A300F8D5BDC032D7D231DFDAEB69E114BBFABB3CF6D754EF68C4CF54FC25EE2F489864E63EFA71EFC444CC848C2A6C465B72D45CC725C4AFC904A41480942461236453E2B0A9BA2B029099B329F15D9B4C86724219BBB96D9F4878925998B34129F8AF2E9289F56B8445C4CCB6C5CA014898A6A72FAA5508682690665189C235086C06812A7688C61099EC54506531822461332432A0CA970548227E32C15656899A2059E89B2649C63923C9BE2D984226638221665B6647E5364D3029312F96CEE5F92B8CC03D14D7EDDAB5E7A53BDF1B67AE99F3F7DF2F1A0CDEA7538273AFB9C6D9D83ED9D2346DBB8A17BB8A175A3DB119D9BFD179EF8F113F7BFFAFCE7AE7CFF5B2F3FFDF443AB619F7978E0B461B8A17BB8C1DE7FCE3AD6DC3BDDD13F6F1C5EEA1A9BEB1E9BB48C4E748E8C189D333D13032D3DC31D7D831D76A7C9316E1B9EEC1F9B1F5EA0D7E883074E6B80C2381B7DE0FE876525C9B3099E4D8BC279893F2F8B9B029714B8A42426652925096941C888C2A6C0657288CB0F084C8AA1E23C9B90B88C2266643193BB59E453329F959894442515262DD3A9289F8E0919854B494C42A2E21A02A3199CA531265718698C253116C73802656882A709912664964C30448CC6A3242E51844C93319A8C51449426158A92185AE499284BC7783641E0BCC026382AA1B05B229592D9B4CC67252EAB08F78BECA6CC6F26F97886C07FFFA3EFA837DE563F78FB5B0F3DB06432ADF438C7CC032326C780A1A7B7A3BBBFA377B0AD7BB8B57BA0D6B062B62F1B2CF490EBC908F1F5E8E66749E5212F498DAF4DB539FB4E59461A07DC2D8353C6D1F9AEF169937BD4E09CB08E8E5A5C2EF3507F9BC369E8EB6FEBEE33DA9D26C7986570A2DBB53834876E103B0A2A3560FEB0D3F5C8FD0F65B25B5C2C29082989CB726C5A923625695392328A9455A4AC2C66143123F359964CB0644260D2329389729B129761885854DE9484B428242429254929514C2BCA7999DF94998C48A5243A2D31A9289F1598144F27453AAEA1509AC1590AA5719422500683190A97705440618EC07902132922CA10711A8FD284CCD03245C824AEB0749226E3341963E9184BC72421CD31498E494A429A67532C9D94D8FB652623B369914D8B6C4616B7647E53E2320FA41F38CF708FF0B47AFDA2FAC1C55F7FE5CB7346EB8CC5E9EEEC771AEDF6768BDDD86337F6DA9ABB068DBD93B6E1C59E8955C7E4B2C535DFE258E918A4DDABC955FC313CFAB4F4083E1698318E8DB50D8F1B47C74C23A31DAE11A373C43C32699F70599C43E63E7B73A7B3BDDB69E81D35F78D5B0727EDAE55F7FCF8D084264FA7ADD8A9D1E53736B56DA5361FB8F0483491653999E714864F704286E5D39C9091C5CDA8B8151336653A2571598149F3745266D30A9789F15B0A9B9584ACC867783E29CB5949CA705C4A96CE0B5C46E2B2229B51D8ACCC6464262330699E4E494C4A43221485D234C1E3088D232C8172242A53441443781C17094222718522A20CA90894C232CA87BA8ED3649C25132C19E79814C7A4042E23F2DB6F2FF2599EDAFC1FAEF98C246415292B89C90B9907D786C6DA0EDDAB5E7D4FBDFAFEF5DFFE2EE874AFF54F8F750E0D77F6F71A7ABA8DBDA6E6AEEE367B57936DA2677CD43A36DAE91E6973CE98DC33ED43B366D7946568B16B2832E499358C4E1BDC63869109D3A8DBE81AE9181A35385DE6A169C7545FBBDDDE6271B476F636758C187BC68C7DB3BDAE49FB103CB776F4E0318D162ADB79075479874697BFEFEEFD9303C38F64CE6F9EDFA2A2222DC76829C508499A4F094246E2B2516E33CE6D495C46E6B3029B90D9A4C265443AC9D329993F2F099B3C9B92E52D4148715C8AE732029F15F98CC0A4657E5361B3129D96F94D9E4DF3745283233489B134CA13A880E780B00C26919888E3224A880415A3E938454479324E6151868831549426159A54182ACE9209964EF26C5AE0D21C9314F98CC86FD71381CBC87C36F7296571331ADD52C484CFB3D170E8D4998ABBD56BAA7AE39AFAC61BA267CD6D708CD99C23D6C10153BFC3D8DFDDDEDBD5DA6369EA1AB40CBA3A4706DA06C7CCEE31E3A8DB30326E1C196D1F5CB24FBADA1CA306E768FB90BB63D8DD313C6A708E740E0F773847ADEEF1DE315B4BA7F15C93BDD9E432F6F4379B5D9DBD53B6C185BED1A981318D465751B1B7A4E8F6C2923BC1D23D1A9D4E03688E1F3F1A1585679F792673FEC2F90B8FA6372FD08CC87232CFC51439ADC86959CC48425664330293E299384F27453E23F39B229B11B88C246C8AC2A6C06773A296E8B444A7252EAB089B12B7EDD71CAD681098C6111683391CE1094C243091C2051266295CC07111A7648C8A12541C23A21411A3B02885456932CED2899CB4192A41D3718649F06CEA237C540C453623B26999CF8A7C4611330F641F3434771EDB7B74CA38A0DE50D59B37D50FAE7FF9C2E30B5D43D38ED171DBF09079C0DED6DBDD66B7B6745B5BBBCC4D9DC3B69141F3F090C935D8EE1C31B85CEDCE31D3C854E7D842D794BB6378C63A36D3393A6118727738478C036EEB88B373A8A7ADABFD6C634F8BA1BBD1D0DB68761ABBFBDBAD4E63B7CBE63CB2BF1AD0941415DE56567C5769D1BEE2FCDBF5FA320D006900A062CF9EBA33B53673D7D8D028EE8B3C9A7EE0E9873FFEC9071FBD3F9D4DC613BC101584842C67793E297049914DCBFCA6CC9F17D84D81DD1485F3A2705EE0B3398589DC96C06E0A5C46E43322978CF2E9389F8909190D0A732426128884450402132952A450060FD304CAE1388F91124E2B181525A8188E290C91A4F11845C4483C9A239AA5931C97A049856753029312983447E5E6D7A6C46D495C5664D339638909994D255B7FA6F9C0EE038FF119F5A67AEBD62DF59AFAD71FFC029F58F68E2EB83B07C6BA5CFD1DBDDD2DB6EEB6EECE66B3B9C9E830F7F599061C1D7D7D6DFD03ED7DAEF601B76160B4B977B26370BCA3CFDD6A9F6A774CB53BC6DA7A478D7DC3A63E7B7B97A9AED5DCD0646B6AED6FEFEC6B363B5A3B075A2D2E4B7FFDD9C63C4D61BEAEAAA8604F7EE1ED0545B7E5EB77E9C08AD2D23BF4453B35BA420DA8D3E46B347A8D46A7014A0B0F1C3AE8EA1F6403E127325B1F7FE491F399AC2C2ABCA0F082C2738A2CA465719367532C93B38E2D81CFCAE296C867456E4BE2CF8B7C561637653E1BE5B3312E2BF3590D0A0B0422D1A84C201289891429B20447133C8E71042190A448D00AC944095AA1A8184B261822CE90290A4F50649C65522C93A22949E4531C951098B4C86E4A7456A2B33C9D11D84D89CBE68C85E7D3D9D443E1D5505FF7C09EC2AAE7EEFF78EEB132F5BAAABE7BE37389873CBD63F3BD63535DC36EB373C060B7B7DBBA5A3B0DF5ED96964E5BABADA7D5EE68EBB13775395BBBC73A7A879B2DC36D5D231D5D83CDA6E166F3689BCDD56E7334987B9ACCC6734DE686264B5393ADB9B9A7B96DB0D5DCDF6A9AB0F6773518F56091565BA803CB0A0B77EB0A77E90BAB8A0A76EAC04A3D5405E49516EB76960255A5BA2A28AFACA868577ED91E0DA4D7E8418D4E53CE72EF8E000020004944415458513860300808F2C4230F4A3297CA2465598E4553C9C4663AF58028A6192621F0D91CD7DB36C265453E9B4B04516E5366323C9BD6E0A8940381290426939848E11C458A393FC9F53D284AA1288564A22419A5E9B8C0A5593AC9D2498E49716C9A61623C9BE2E994C46D89544660B2B919C4335991DB92844D49C846E5CD989CB277F7F5D81C1550D9C35C66FBA1C99BB7D4EBEABB3FFF33EA5EDB189CF738A6DC56E78875B0B7C3D6DD6AB1B5749A1B0DBD1DB69EC64E4753676FBDA9AFC1E8A86F1FE9B00C347574D7D40F34B4F4D7373BEA5B1D8D1DB69A66F3E946736D8BE16CADBDA5B5BBBEB1ABB6D1DE6C72B45A07DB6C77DF7E779E062A82CA0AF495F9F93BF3753B0BF277EB753B21A01C02CAF540453E58990F56EAC04A3D50990F56EA814A3DB80BD455EA4AAA76141669A03C0DA83D70E0EEC9A1618560CE0BA907E3F73F9A7DE8B10B8F7CFCF1272E3CF460229995C4644C3A1FE3B7243E1595B25129AB485945DA12C5AC246D8A7C4683213C8E0A249EA35B26718540240C91084C61C9782E56D3648C22621411A3C83845C6593AC151098149714C926593349560A8044BA5057693A5D22C93E1842D86DFE4842C27645936298B9BA9F8036BCB015387D5D0DC795BE1ED1F8F5E506FAADB0F4EDE52D56BEA7F7CEE05658944267C73BD33239651A771D065E8EF6BB4D89B4DDD8DED5D0DCD96BA46734DBDF1D4B98E13676A0E1D693F75D674BAC670F2747BF5E9CEB375C633F5D6BA96AEDAE68E3375C6BA264B7D8BA9A6D9DA64EE38671EB44C34D6D9B43B4A8B753B0B7415F9F99505FA9D45FA5D85BA9D85BA9D05BA8A625D791154A6CF2B82340585DA927C6DB10E2CD382E55AA81482CA20A0B4505FA9D757E9A1F2F292DD50618906823420A0D1EB34851A4D814653AADB7BCF3DBDA61E31443D113FFFE4E6831FBBFFC1471F78702BB51993535129CD3351918BF36C4283A23C8E8B2429E3B8886139D205028F1278747BB542446932C77292A6520C99E2A8B4CC6C4A749A63521C97A2D914C7665926257019964EF25C4690B6683ECD706949DC9284CD64F4021EE6A747162C6DB6FDB71FD1690A7FF18D9FAA1FE47692DECC39C9F5572E7DEB135F391F8A0B1E2A341E705BC6DC4697ABB5BFAFD9D2D364EC6A6C31373419CFD5996A1A8DE79A8C679A3B4E359A4E35D8EA5ABA6A9BAD354D9D671BCCE71A3BCE34981A0DA646A3A1DE587BA2A5EEA4C5669C1DED5B2FDD7514D4ED2AD1561682E505FACA02A8AA08AA2A04AA0A808A02A0AC102CD5834505BA123D58940F1440DA02102C05746580AE04048A8A0B7616829525E0AE02A0A200AAD28165F9507959C1AE5D85B795E92BCB4B766A0B8B357AAD46BF43A3DBA129D4DD7ED73E7373CB68EF4064D5FF48F6A1F3E9AD6C764B94255989696054443009252518663194C5310EC3389410094221088526630C15A788184D24692A4513699ED962A92C4F6D0A645A61B31C93A2A90443A7397A93A3D22295E2A8842C9DA7D80CC5A5182E2570E984F200EC27A75CF33D1D8E83BBAA6DF5BD975FCD1DA7A5DECA3DA4AAAAEA0DF5F25F2F7EF7A9179E141ECF0693C41CEA75AF4FF6B8FBDABA1CED96AE968ECEC6E6AEC616736D43674D93F55C8BE56CABF95C6B675D6B577DABB5A6C97CBAD174B6C5D2686A3ADBDE586BDEB7BFE6E851F3D418B132CDDF7DDCA4C9DBA9052B7460453E58A9072A8AF2AB8AA0B202A8AA505B51A4ADD2ED28D541253AA808020B20B018D49668B5C55A6D3100944040290416EBC0323D50A1072AA0BCB202A82A1FACD4811585F9BB8A8BAA0AF3ABF4506561C19EA2C2DBCACAF61617EFCE038B3400A8C90734F99ADB0FDDDDDB6527FCE803D1CD0712E735282CA0A81882191C177154205001C7451497094221718526632C196788384B27293CC1D119864ED34492A733029996E82C4B26786E93A453389960B814CFC7053ECA71319A8B734286E7D39290F6AD44BC8BA1B9D1F9C6138D0932F3E9FB3FFD979FFF51FDDF07F26D6F2D50D5D7AEBFF8E96F3E93796A13C972CB74D0ED1BEB1C721AEDDDCD46737D9BA9AED55CD3663A971BDBCC35EDD65A83B5AEC37CB6CD70A6ADE55447DB19D38993A623C76D1D1D8BE1C063FEE04375ED531AED1D1A60B70EAACA715D00ED2CD45716EA4B754071BEB6B408A8D40315A0B604028B21B010D016024009006CD30D41652058AAD5160379A53A6D798E713D5896AFABD043E57AA83C5F57A587AA0AF4BBC0BC4A08AC2C28D85558B8B3B8F8B622FDAEB2923B34804EA30334853AA0B8E0F8F16A0D0673488447100185050C11715442511EC5651C974932CA507186887154F2A384C7D0498A4C52788221923C91E2A8244327713286B17156497172ECFE071E8CC5D389C4F970980D85281C15C201DCB7141C1F9868A8AEFBFC639FF9DCC39F7E28BAF5D18602F5D687C34D55BDA1AAD7D45F7CFB174FA79FFE98F078C21B5FEA9F99EE71398D5DB6A676E3B9868E330DEDA71A3B4ED5779C6A349F6D339D69379FEA309DED34D5DA6BEF331FBBB7A3A3797E662A8311CF7A361EED1C8CEC3AD8AAD15442FADD7AA8B2B870971EAAD481953AB04C0714E643C5054049BEB6540796415019A82D81805250BB4D748E71002881A012082AD3E92AF550A51EAACC87CA216D891E2C8380521D58A687CA21A01CD49683DA723D5455A0DF59A8DB5904951517DF06E8ABF2F57B4A8BEF28AFDC97575CA901410D1E66B18880C2021C113044C25109C6058490114CCAD908892B3419CF056A964C9078942462241163E9044DC6683A4AB2315A88F14A2A993D2F8AB277DD37313ED3D8689A9A59F705289F0FDB580F6F2C05861DAED3874F7D62F3F1C7940BBEA9E5FF39296E7B2FD8CDED5DD3B754F59AFAEE1FDE7B2AFDCC83D423A131FF986978C4E4E8693276D6B4184F36B6DF57D771BCCE70A6ADF96447C32973F3B99E73C77A4E1D71185B96E767B728E1AB1BF01796439FEB9F489E699BD5807B77E455E9B4E57AB0440F964150050455E875A53AB040071541DA221D509C23779B38B018028B41A008F8086001001401500500940179A57AA042A72D2F80AAF4404581AE4C071417E8CA7440694EECF9BA0A1D5896AFAB28D2EF2A2BD85354789BBE60B75EB7BB38FFF67CFD1E0D1AA17154C0510989086858C0101121448C50104CC288288646093C8EA1510C954922469149028F13789C22930C9DA42885A4F8782CCD738A67716D7874BAB6C57CE464DDD1EAFAF1F1259F8FD8F011CBEB919595D0D2826FB86FBCB9D6406F5017840BF3FDF3EA0739FFB8BE7D3EDF878C6F0FD754F59AFACBEFBE1CF3A7967A57274D13D6B39DD65A53EB7DCD75F79C6DAB6E3A73ACE15C75DBD9EAAEA6BAF1D17ECEE379D88F7F21227E632AFC2FAED5A7C6D63ED5E5E4EE38D6A581F616E8771541158560A90E282CD095E443C53AA0F0236C6B39AF18D49640403900948060695E5E415E5E010815825021001680603104940279A51050A183760140990E2CD34125DB008A7540693E54FED15F0AA0AA7CA8BC30BF0AD09643E04E1DB40BD096EB0A776B309425301145790C933044446101C6051497093C8A630A81C670244A600A814751444211892462141523C9A8226553C9FB498C9D995D6CEDE83C7EAAB6FA7463F5E9E6BA06B3C1D0BB341F585CF4AFAC4796D6C20B0BDE85F9B5B191993E9B73C9BDFCA5C7FF75A677F60FFFF947F5C6B69CFFD75188376FA9376FDDBAA5DEDA3E56E4E67BEA05E5F1BE6657DDA11663ADADE9A4F1F491A65307CED59F3287D7E222FF594AFA322E7D8390BFE5639FDF10BF3EE8FBF4E0F2272D23A98E3E5C53784CA3D909021585BA9D7AB04C0714EBC1927CA834275E1D500CE6150279DBA6AC03CB746019081481401104168240810E2AD2EB4A41B018D4966CD746A042AB2907F24AB7B9DE76928A1C20A80C008AF2F565F950794EEF7AA022E7E63AB0A248BF7BBB36C2A84850311415314C82510945241C53084C26303997BE192A4A1132852951292B4BA9B555FFF0A0DBD0D6696CEF329B1DE7EA8DF5EDDDE71A3B6BEB2D3D56D7ECD8EAD2AC2FB777756525B4E4F12FCCAEAE2E78FBECC3D666DB579F7C7ED5B9119A8BA8D772277ADEF8E874BEFFFDCA1D69A67EA07EFEFE277FFEB97F7FEDDBBF62DC5E8FD93DDA3278EEE069CD8EC27B4F18371FFD5664F36B9ED8D7D613DFF1882F8C125F716C3CED987FACA99BB8F3E4A066C7ED5A6837A02D0773B31EDC9EEC10500E6ACB20B018008A3EF4E522002882A0129DBE18D0E68379F9605EBE1E2CC995CA9C9B7F28FC3200D836770028D3415520500168CB21B0520B9683BA4A4057A6D79542607181AEAC00AA2AD4EDD1013B756065917EB70687150496C3B010414414911058C6D02846C5104CC6300945798696498C674829937C50A493EB2BE13EFB707B9BB9A9B1BDADB5B3A3CD666CB39B8D7DCDED3DC7AA9BCD26E7A46B7962D83337B3B1B604AF2E865796C22B8B81354FC0B71474740D1A6A4D5F7DFA6BD140C2651EBBFAE6CD0F6BE2CDFF4BF387B8A9FEE05FBF3E78ACFEFE292FD6DCCD1807C49EB107E64293A7CDE585BB359A8A10FE60FAC99FAE64BE351B7F7188FC6A7FF05FBB3C4F5846321627AB29BC4FA3BD0D042A40A002D496E58395F9DAD27C6D69BEB61CCA2B03B565397EB550B1565B0882C50058A005F2B5DA426D5E019857A8030AC1BCFC8F8C1B028B75BA5210DC466E2A404039A4AD02F32A41A00A042A00A8420B966B7565507EC58713A55207ECD6417BB4609516ACD004C3420411FD61360C0B28A2206129024723A882E20A824914A5908440E14232B63537B1DC6D196AAC373735749A0C8E1EEBB0CD3460EAE831B4DB3B0D7D16E340976160766CD5D5373DE6F2AC2FC36BCBA1354F6879CEBF30E70BFBE9354FA0B5C9D454DDF88DCF7FE7F1CCE73D83FEFB850B391BB97EF3C636C3B7B653F7FB17AFFDED2FAFBFFDCA7BE6FD67FCAD0E6F8D71E5BE26DF998EB533EDAE43A7DA6F3F7C7AD7618DA6545372F0C2932F118FBD34257D7318F9B7FE8D2F18A71FB5BA52351DAB9ABCBD00785B01B4331FDC050115A0B60C82CA00A004C82B86807228AF2C17A541B01C00CAB4DA62102CD602F93BF274795A3DA02DCC95CD9CF641A0480F9615EA2B7372868052102C0580921D40B1162C07810A08A880A00A102CCD83CA77E82BF2A072BDBE2A5F57A5032B7550950EDA05813BF3753B3541980BC25C1815C2B080C0221C91602C1A8AF008266198C0F349494C1238EF764DDB2C0386B63EABC5D5691EEC774CF4DBC72CC6FE8ED62E8BB1BFBDD1DA631E1A1D98EDB38D0CF54F4D8C2E2ECC6DAC2F0637E6FCF3E3ABEBCB70C447ADCE6DB4D4B61EBBEBC8E71EFBC226FF04E7DFDA98443F78EB867A4BBD79F3BA7A4BBD91E3FA86AADE52DFBFA15E7E4F7DF6A12F0C1FEB183FD2DA7F57B56DEF51F3EE8375C5BB0F43C5C7F4BBEE29BE2B1FDCA5C9DB39B5914C3CFDF331EEEBCEF057ED2BFFD2EEBED03B9AD6DDD6A281EECAD3EED4439505D0CEFFC335500201E53AB00204738A2ED56A0B01A0480BE4E769F5795ABD16C807B4F93AA804048A3EF499A20F4DA3E4A3FBB73D072CD34395B9780E82C579409916AC0081AA02FD2E9DB6420F5569F32A40DD2E10D8A583AA3441980B44D840840D45B848844351112164825672BF6C057C786F8FCBD4DE6B350DD83A9D56D3A0CD3A6CED745A3B07BBAD836683DD60B0B5B47419DA7BDDC3F38E2E57AF757864687A7AC2B3ECF12ECFADCF8F2F4FBB97D656600CE696A6577B0CB6BD15B77FEBB9EF6C898F33A10743CBF1A71EFE57F5DAFF718F9BD7D5FFFAED9B3FFEAFD77FF1937FF69CED6FDA79AC6DE7D1E6DD471B6EBFEF4CC5E1EAB27B8F571CBA277FEF6DF90776686ED78007EE3CDEAB3CF6D22CF7CDBE8D2FF52CFE8B7DE211AB53D2E41DD08077E8A0AA7CA85CA72D07B56540DEF65210044BB5DA520828D76A8B7391439B570068F3B579FABC1DBA1D793A2D900F0045793BF23F2A9B00500200DB17B96F28C7B50E2AD2832505BA0A1028D2412520580A00655AB00A0476E543BBF3C12A9DAE520B5600D04E10A882A00A4D30CC86103E0873C1300BC33C8AF22423B28C343BB56435F7B53575195AEDF6AE117B97BBD736D66D1EB4981C76DB505767BFC5E4686D317798BA4DD6417B8FBBBB6BB8C73ADCDB3DEC76CDCE4D2FAF2DFBA6273C33638B4BF301BF9F84C38CD3317CE6BE53BB2BF6FCE7F77EF9EC275E40D6EF5F7073EBD3548EEB6D13B9A9FEEE2FEF7DF5FB7FFAE2377E1FF166CA347BDAF6D5B6DE79A6E6F6E3F7ED3E72A4FCC091D27B0E96DE7547C1DE7CCD5E103C5E7DDFF059C3EA02FAD945F685EEB5E7CC134F0EB81FDA7B6444B3E32E207FAF1EA8C80532505BA603B70D3A2FAF48A7AB04810AADB614004A72C143ABD1E56920302F1F840AF3F20A727ACF4D02102C8772E11A28D16A8BA1ED60570481857AB0A4082A83B44590B608028B41B05C9B5706682BF3804A405B0E6ACBA0FC0A5D41250896EBC04A08AAD04410210CF3A108178A70C1088D12E2EA6AD835346D35F70D3A26FA7AC61CDD6E47B7BBDB3264EB74DA3B87AD863EABB9CF6CEAE9B4F4983BBBCD9DDDCE21F7C080DB60E8ED6875F4585D9323F3CBF3ABD3139E6EEBE0E49827182471845F5DF29FAA6928DF755BE18EFCE73EF1E5EF7DE3E547D25FF6AE6CAE2C249FFDCC8BEAF50FCDFAA6FAB517FEFB99AFFFF12B2FFCB5EEBEDE52707FCB3D358DFB4E9DDD73BCBAEAF0E1CA7D07CAF7ED2FDEBFB3F04071FE89C347863B2CB8DD9D3E50EF1F43BE6459FEB469EA5363B30F690A4E6834B7EBA03D05FA5D05DA4A9DB602D496E54C390FCC2D05CB80BCE23CB004044B016D3EB0430FECD0E7EDC8CFDB919FB308102880805228AF0CC82B03B565A0B644079681DA92BCBC22082ACB798B0E28D683657AB00CD296E4F262CE9A74DA0A10A882C04A08AAD08115F9BA9D7A7017A4AD02B5E51A38CC60080FC32C45292C9B5C5A0A593B077B7B467B7B4607FA26FA7AC7ECDD2339F4F68CF6F58EDAAC8366538FD1D46534596D5DBDF69E81A1E1B173E79A5B5B6D6663BFAB7F626674DEBBE2EFB30FF7760FAFAD8451982371A9A9D50295EEDAB9F71E30AF5080A3CF3DFB83CF3FF3523CFEDCFC5C72719E57AF6F57C53FFDFE9D4F3CFD934F7CF18FB1F4BFDD7D7BD3DED2A34DFB6A6AEE3C7EE2B6234776DD7BB4EAC081927D7716DE9D0FEE3F7E62ACD940197B33F6F1C78FB7D3AD235BC3C167BBA71F37F6919A1D776980DD20500141157AA032D7C180C0621D540480053AFDF6CA500B958260718E6860871ED2E63A7CC580B610048A2060BB01920B8B90AE08D2158160B11E2A8780523D5091AF2DD781953AB012022A20A022777321585E0055E9753B735910022A406D39A4AD82B4553A6D9506C33804E1705C9C9959B5778F8C386747076607FBC6FA7B47071C23CEC1B1DE1E577797B3B373C06A755AAD03566B5F4ECE5D36474FF7E0A86BB6AED178B6A6A3B9D96A310F0C39467D4BC1A9D185B616DBC2FCDAD2922F1C20FB1D6E4DF1CEFC3DFB4A2BF769F4551383ABCF3CF96D2CF290CC3EAB285FF3463E41E31FCB19C8131FFFF6439FF9D5E3CFFEA5A669F5E4E991C633AE8315C78E941FDA5F71F71D65FBEF28BE6BA7EE2E00D87FC7FE4E63AF649FFC64CFF433C3EB5F6C1CD83CD004774E6C8D7A1ED6000735DADBF450950E2CD3E92AF3C12A1D580901E53AA804020B21B01002738BF252505B960B24605E31985708680BB5797A485BA0038A732A068022102AD46A8B01A00C022A746065CEFA739D905CBE86A00A405B0E68CB7374EB80D202A00C028B732D1408DC0901157AA0B200A800B5651A98927C21B2B76FDCE59A1BEC9F720DCE0E3A2687FBDCC3FD23CEFE91C13E577FAFABDB366031F7F5F6B89CFDE316739FD96CB7581C36EBA0DD3634D83FD9691D6A37F49E3EDDD46519181C9C181D9D3B7BBA756A6C79717E75797E351224F6EE3B925FB6A764E7BE92B23B750577380C93BFF8C1EB78E889F5E54782F0D311EC339E8D47AFDF52AFA8EAFD4FFCFF26BDB449B2EA4CEFDCB39F73F7256FEEB55775373483C440831034BD5655566E95FBCDE5E65A5B37DDD02C12308C101A8B9160D04802216B24C4CC74E0A625B460B0253934310E3C580A3BFC451F663C1361FB1FD8FFC0617F38590D11E74365454665D67BDEFBBCCFFB3CCFDFFDF0A7FFF3CFDEFCFDF2E95EF1F233DDD273F7A41F38E99C5CD69772FA424ACF0B9C05207FE60B7BB5D1DB9BF1DF1626EFC5CFFFF64CF5BBF76FBF528EBE73E3F99F0094433CAB7A4A109F11076347D3744A1D84E68543D041D021C8C5D051FD489145A0AE0EC3E6675907C616633E4521813E41AEE21B945A84988C5A0459043958F310700972297439F60836287528F518F189E6E8D0B75020340B44A32B8DCEB4D99ED66BA3A8BDD7AA8D3B8D69ABDA6F56A266ADD7D8EDD6AABD72B15DDA6995763A9B172BDB9BB59D9DE6F666ADBCD3AA577BCD7A5CA9F51A8DB8B8DDE8B627A59DCED9470AC5ADF67470753A38B832BB5EDE6905C142905AB5FD05DB5D00C87BE8F4A57FFEAFFFFBC7DFFB8FCF3CF9B78757DE7EFCE95B4F3CFFFEBF7EF7F7FFE7FFFEBF773EF8E737DFFB1FFDEB7FBD764F7B7FF6CDCDC7868BEEC9656B7981E773229F9679475F017071A7F6950BCDEF5D88DFDD9AFDACFEE447AB8FBC74B6FEEDFD1BB72F545F04348F449A121F23976297101B11971017211B2113211B211B41076A2E462E820EC5AE1243083630D2093409349166106461ECA8F71FEF8AC7CD4E4C480C480CE5DA50EC329C50884C349B634FB117881D8C7C8A0283240C14E8C801D383A7A3DE61AB356935C6FDCE7EB735EB34A6517DDCAAF6CB3BADE276A352EAEC6CD52B3B51E162AD5EED15B6EADB9B8D62A15DDC6ED4ABBD6AA55DDEED148B8DFA6E3F6ACF0A85D6A5CDFA6070D4694C9EB9F2ECD5C31BA74F9F41CC7313CBA69D33ACAC17AEF8F6D27FFECD3F7DF0B33FBCF8C2EDC3A377F66FDC9A3C7E6BFFC59FFEAB77FECB6BB7FEE98DF7FED77D676F142B2F3477BFE459A796C313393D9BE7D945B190E10BA65801DAC285F28B0F57DF782CBEB5B5F74161FF176B8FBE5C19BF73F4A59F6AC103806520F520B1547D3176207635E4A8275DD55749A018B9C74CCEA0D422D8809A4050CED11C99101AAACA73C6424CC66CCA0CCC2C480C482C7ADCD7446108F12976959A88A987A94F7040512048C890A7131F4C46D727F1E3DDF6A41F4DFAD16434D86F3747D1EEA8531DD68A9DF24E6B67AB5E2DB46A85E8D2D9D2F666A358E89476A27221AAEDF41AE5FE6EA5DB687677AB9D52A139880E1AB5E1C58BE572B9D58F4657A657CE3CF0A8B4D2DCCA18F6826EE6A49195411E20FBD68F7FF3EB5FFFCBABAFFFFAC9A7DE1D3E7173F0F8BBD7FEFCE3C75FFBF86B7FF32FDF7CFB0FF77C2EEE365E487B7F8C409095B90C4F85285C3156F362C5E26B002C7DF1E2B317DB3FDA9AFEB270F0E1F6FEFBA72E7C7DFAF42FCE575F067485E09070971013124B230E633EA301C101463E820E5607581858183A18DA849894197397409308320D10C5B215F9BBE3D1606C30662BF68D9985A8ADA6A5A2D5183B943A8CD994988CF918B9047B18F958F3280AB0E631E48161BC3F191EF6A3D1A03FE9F76751348E5AE36E63D2AAC7D552AB526E558ACD6AA155BEDC2C6FB6372FD50B5BCDC256BD5C6C574ADD62B153ACB4EAA576AF1E17B71BF7DEF7C52B936BA3DEA45CAE964A95B38F5E5C5EBC4BE769DB5876AC35CAB25CCFB8FE12C0CEB75EBDF9D147FFF8E60F3F79EAF99F8DAFDD1A5CBB3DFD935F1D7CEB775F7DE7BF5FFBF2FB77DDDB39B17651E285245BCECA4C9E6757E5D29AB1B6C0176DB204C0CAF9E29F6EB5DEBE30FA79FDFADF5F18BCB7BAF5CAB5173EC89CAA0398A5C427C484CC44D4C6705E058C3FED6B821C865CAAD0035B889A4A41C548C748C7D0C4D05455C6D8F8F49744122C11E40049851E4A8DE2D45570819807B14390A398224501D6029D67290A14880BE881717C30ECEF0DFB7BFDDEB4D79B767A93767B1CB586AD7ABFB1DB55B5AE14DBD542A75688CA5BAD7A296A55FBAD6A7F77A7BD5B8E9AB568D089CBDB95FB3FFF90ED259F3CBAB13F3EBC707EF3739F7FC0F7B38691B28DBCEFACBBE69AA52F197ADE72160172BAAD1B376F7EF2D6DBBF7BEEA50FA74FDCEE1EBE5B39B8357BE593977FF88FB5E82F57364A8E712269AE67F49594CC667976CD585992CB79B9E4B2150056EE7FE4FAF9E8ED73F1FBD5ABBF3DD3FEEBB3F18F0F9EB90DF4CF019466C42358AAED9929ED027D5A6B4A7C0C1DA2D9143A1C5A3AB109961809A831A8318C74A41DD717E90AC19500A268B53216143127C43DDE424D446DC43C446D8C2D821C8A3D4E42AC7904FA48B3E7B7823D308CF6A6BDC371EF601C1FC4F17E77306B77C79D66BF55EFB69ABD6AA55D29B7CA3BADCA76B356ECB4CA834E75306C8EA24AB75668B62BDD381A6E5DD83CFB8547D3C9CCE2D24AABD898C67B671E7CC44BE40C3BE53839CBC89832EB99CB96C8EB3C6D5A4B007AE71E8D5E7FFD83EFFEE093AF7DF3EF0F9FFAC5E0F0BDF2F4DFF49FFEF77FF2DAEF2AB5AF437622E3DD95E09994CCFA24CCE9F90D677DD158C9B0BC4397015858BF6FF450F3AD8BE35F349FFA78E5D2EBA3673FDA895E0578159294649EE426253A45068716C10641D6A70D8E145B7004722D6C1BC42488438D22C810E418E908E9F34D124A0275820DD5E9EA69D089ABFE14212E21EE71C51D425C482C0D9B185B8A6BAAD809231E230EA596520AC1A47B34684EF6E3AB7BC3A3D1702F1ECE7ADD51A73D68D4A372B955AC740AA556B5DA2D17A36AB9572975BBEDC96EB95D2BB63E77CF997C66D573C395E513D9D4E2D2C2EAC953F76C3E72E99E93F75A5668BA7929B2869E35F5B463651D2B6BEAA1A9A7A4486B327B72F5FCCF7FFE8797BFF1D1D7BEFEDBEBCFFC72FFFACF9A07B72A831FDD78E1C3D3F70E005AF4EDA584990965CA81EE9ABFBEE1AC2FC9C52C4D3B3803E812B0CE9C6D7FFFF2958F1ACF7D7CCFF6B79F7AF13F00ED14D0B292644DE67362706271600BE42A9C4548D7B0A96113D179A528B274624B622044102208320425043A4273E0C61A57145039329CFA4CB385E650E860EC701E2866AD781E23BEAA3E632E86A672733833954D03A144D4C4D802A3C1E168B03F1D1D4D4707A3C12C1E4C7BBD69A73D6C36FAF5FAA058EED6EBC34AA9DBA8C6CD4AAFBDDB6B56A2DA6EF4C0C3E7A49F32DCA46327134ED23213B697F6C37C102C58564AE8492A4329D29C257599B1F49CA9A74D3D65C88494213052882FFCE8CDDF7CEBAD7F78FDADFFF6D5573FB9F1FCAF46D73ED8BBF293C1E40700AC72B9E8C9B4A587A1C8A66476C3DF583196F32C9722699BE4115E0168E37CF4A38BB30FAAD77FF558F7FBCDE17781B6CAF0A2454293041C3A6AC184FC0E00000D8F494441541961D8E6D0C0D0BC638D2B0440C485D841C8C448A710518830240830A809A831AC714E0C81758EA44E6C8A0C4EEEF00D87629BE0F948549E03410E233E412E231EC52EA7FE5C9F42FA67852A822C30ECEFC5BDD9B03F1DC77BC3FE743CDAEFF5A6516B18D587EDC6B0511B544ADD6A392A159A8D72B7526C771BA37A293AFFD80E93BE10BE4E5C5BF8961EEA22D04568EA29D3C84891143CD4F524E7812E538287BA4C19322579C29049626600484E26AF5C7BE1D6132F7EF8DC37FED373DFF88783673FFAF3D77E7FFEC2D300E493D6AAC792A14C85229B3716578CE545632527F22996B6480A910560FED176FC76F5FAAF0A073F1DBFF04B7F690768594253260D75E84BEC31E229F744853DD40C4474CE8B113511323134B126A94608C2181EB7B62630D219D6D5CACEB0CE89C1A1A16AAD3CF8B9AA872CB5AFABB58552EF33B8E10B96A0D855641C219D528B62174C46573BEDE1383E887BB3717C301D1DF53AD37E6BD2DE1D342BBD5AA55BABF676CB51AB1ED72ADD72B15D2B76A3DD51541F1B32A9EB499D8592799C3826F30D1108E10BE14BEE4BE6491970EE319190465A9729299292878CF9C24C0398385FB8DE99BDD939BCD979FC76FFFACF0FBFF4E16B7FF1713A7B1E82548266532C9DC4491F27D7ACD5356B352797922213D08485028C73405B89AEDE8EBEF4DBC2F4E6F9C62B405B013487C81D01C427684EAE09B218F1E68E2D31103529B52831119473C909620D10A8314D139AA643288FE540A96A2A99A36C338A3D8CDC3B2391114F7934F397CCC5D8A1D8E5346028A0D853B566CCC64867C461C803D3D1D5D1E070323C9C0E0E86D1743A38EAB766C3F6ACDF9A342BBD56BD5FAB743AED61ADDADBAD746BD541B5D0E954879DDAE8EE530FAA86953C9434619084CE422943881DC67CC93C5D4F501E3091107A8ACBA4E0A16081103E97498013777F61D099BD558EFFAA32FE9BCAF8E6E4C6FBFDEE5F0090F3D96282A693309197F98CC86DD8ABCBC6624E5F08582AE4091B27045B0468B97BE5DDD94B1FB7AFDD5EFAA31868CB4C2C20E26AC4A2C4574551AB0A86360616231E86A6D2F018B538B1746263C810641AA440A3000A0075002D84740DEB00CD115699380CCD432018F9103B88DA84D88CF9403311B521B1307338574F92AB041095EF21C4C4D85092A1443E18C747D3D1D5417F160FF6D4E945B3617FAFDF8E3BCD7EBBD18B5AC3DD4AB7BEDBAFD7BAB55ABF51EE360B9D56A1B3F558C592699DA73909054B70EA4BEEEB22E0D455B115C94343A6743DA9EB09290329031510C5320540D2CE9FDBBB71B3D07D6BBBF383FAFE7B474FDC4E2D9780964AF2BC47C2244EE658262FF3EBDEFA82B99495B994CC062C65A040E759A02DF5AEBC7BF495BFAB0EDE04E46E20363049AB1591105BB134257262E4AA97C744DB62D4E2C46050604820C400324D13084A45F88E03663A803AC48E5AF439F5190A280AD49E498882664F431E2273699B1EE71A30B4390D18F32975103229B639F5297418F2C0383E9A0C0F67E32BE3786F1CEF8DE38361B4D7EB8C07DD71D4EE77DA8346BDD7AC0D3ACD9162DCF552BBBED3AA5EDEEDD54777ADDD0781C57082D380119F535F17A1E4099D853A0B7591943C346452CA50CA90F340F05017492ED300E500D988F6BEBFD97EE3B1C61B676B6F35A26F037CB7616CF834E3A130CB734B7C61DD5E3BE16E2CE88B59994BEB199F252C9A306516680B87CFFEE4E0CBFF76E3CC2100AB002D509264C443C4A3D439CE6C984ADC60C865C845DADC5B41501228A8C6A9C69046E718AD1908E810E818DE09E25818B99C25D99C923B82F814BB4A96521962A5BAA80D9E528B339B6083118F608F10172952882C866D3AE7D7FD3DB5CE8CE383C9F070D4DD8F5B7B516B3CE84EFBD1281E4CE3C15ED49EB49BA3A835EE5407F552BB566CED5CAAB4CAD1B9873725F719F10509049B579C628FD3409080535FB040D12325E9F279FB871ACD00B2DC9FBD51EEBE79AEFEC6E5E65F3D76F16900962C9CF75098C0614EE4D78CB50D637DD55CCB89C59CC8A758D225BE817D83A701CACF9EBAF9ECCBFF0EB0D3002F0896E39A2F69C0884790A572201419049A02D92A5F8A344BD9AF041B040A8E0483738B000141A049B10D156941BA5A61D45672876C70EC11CD56FE80520715F1B8937A50DAF771EACC21C4557D2D9827A8CBA90F26A3ABF160EF60766D7FFAF86870D86FCD068DBD5E73DC6B0EE3DE2C1EECF5BB7B51B4D7E9CCEABBFD4E75D8ACF4CA3BADE276AD52D8DDBCB8B3B07CD2D24383069226044B50E213EC091630E209E133E6721E3091202C60229446DAD44343041A4E02946DC7AF965AAF5FA8FFE576ED7BB9C51D0072697DCDC7C914492D5B2BA7EC93A7CC8D25B19AE3CB39914FD3B487130E094D9A0220FFD24B1F8C7ADF01DA0A128B02A7244D70EAEAC467D8E6C4E2C4A2F3008DCFA1730CB80E8626D418860C03822123502028B12609D419B534AC1F5F9521A8CD9486471C461CC18239704347855D1972295236E39CD811AA336A10A81B34A0C71F8AA189A024D8C0D00671FF6036B9368A8FC6F151DCDBEF77F6DBF571A719F7A3C9A03B556734D81FF6F7BAED517B77502FF54ADB9D9DCDD6D6E5FAE6A56AA5D4A1D41322217982200743F5FD7C4A3D444D426CCE3DC65C2E43AE9084FA5286980700268BA5E71BBDEF5C2C7DA3DB7B1380931659F148E8136F592EDC65AD9F764E9C763616F4E50C5F48B094CF120E752DEA73EC019018C47F2ABCCF032D4B4992319F335B509B604330EF3830A616748B40537D2B821CA4594833B026B1263540A04611E40872B52B2AE943FD178C78043977429473978B989FAEFBD8BD2364DF9981CA2B10D49534A0D8558E04A72EC326C536188FAFC6F1FE6878308E0F4683C36E7B32EA5FE93587FDD668D49D296C190DF6E3DEA4DB8E9BB55EBDDA2B16DADB9BCDADCBF5CB17CA95EDB66165280F28F1054B309C103C4589AF210731073347089F52473538E7811009C65C2642A025EE3ADD887ADF2A14BE3A1B7E0F80A580AC24692A2DC2756BE994B37ECA593F69AF2DE8CB197D29E4690FBB2EB10D6CEBDCD780F7C7F76E032D09518AC190115F105F29CE101A84D842B8041B8C3892FB6A6AA9BA6B4022A0D64289348A358EA05477733C186D082D65B828195AC3264226C1066736674AE9F6307620B454AD213130B3E6616DECCEBB9ECCDFA3AE8D638F11070C2747C3E1C1647C341E1DF6A3493F9A759AA3F66E6F184D07EDB1AA75DC9BF5A351BF376E3706AD7A5CDAE95CBE5CBB7CB172F942F1C2239BEB27EF25DC65CC67C4A72860384158888887982F4552F284426D2943C143446DC65CCC7DA0054EFAA1C3A3EF172E3F77E9E29304AF25D95A9A6652343CE9AE9E723636AC8D13E6468E2F67F8528A654292F44960E3C0A649499336CF7035007082E30422C1DCD9A31E8486DACB2975203420919419080B04A506F89C7240AE6A0DA101A1A58AC2A9AF4808B9130B5119126C50645164E8DC15746E411CC74BCCE3BEB61871187205F1551C851017C279B084224BEDE8FBC378BF17CD86C3A35E6F2F6A4F3AB538DA8DE3D674184D4783FDC9F0F098081E349BC3466D50DCA96F5F2E6D5D2A5E3EB775E1D18B5B9B45216D2A3CC143C1129287047B88A849A8A2E009461C217C45BD197130F5104E012DDB8EBE56DDFAF2D90727265C09F94A407219965FB3D6379C136BD6FAAAB996E3AB59B692668B01C93828B0B12734CBC6810E7D9D859C841C27040929F40908184EA81583520700A9A467447595D2838043209166602434A8D0431EFB353A423A841223819190C2265050248F5D2E8B619B619B619333136141A88EA84EA9A55296947CD60EF695678FB10111C7D860442DF72E38983D31E8EEF5BB7BE3E1955E34EB76A6EDDD41B3D419F7F6A2D660323E188F0E87F1FEA0B73F1C5C6937868DDD6EA950DFBCB873F9D2CEB9C72E5D38BFF9E823E757574E32E962EE236A13EE2A4851F92E41428E7D463C4A3D443C4A128C78940784A701CA34A3AF544ACFDE7B4FDD418B49B69C24D9BC5C583557D6CDF593CEC945B1B4A8AFE5E5528AE65C98B0A16F2157479684B64E7C8A956118A843A0CF5592113B4224141A70EA236A626CDC61D0489BA7AA11E450139FAD3542FA1DD9881293D1B9EBA842C09CBA44ED818A72A8EC19B315D553B55633535D0F463AC192337B1E7F50DA53DCDB5783B1D7990EBA7B8DDD7EA7D957A07170782D1ECE86C383517CD4ED4C1BF55EB3D6AB555A854BC5F30F9F3FFBE0D97367CE3E74EFFD0F3FF0C5C0CF4A19203477F519F1244D3014089C9234C9B1CF884F4902A304C51E222E1329A0254F7FBE5A2E3D6138F7847C3120A9344DAFD92B1BD6DA86B5B1225796F8D2B2BE9413F90CCBBA28B091AB234720D3E21E9B8771FD4F776225B6293704F904076A822164422895BFA5045284748838460243F3386433AFB5863F958A9872B3B083887B07BE39F7309E37FB9DA9A8C09A5397CDC7A325A84D91A14470359F11B2413F9A8D068783EE9E12A17A9D71371AB7EA71D4190DE3FD413C9D4C0FC7A3FDF1E870DCDB3B1A3F3EE94D2B85DD2F9E79E4FEFB1E3C75EAEEF5F5138B0BAB613267DB69463CA63E92F9CA512538A028A428A4703E39194E30E432E652EA01CD3F71F776B97055D74F84229FA0E934CF2C994B1BCEFAAAB9B6ACAFE4596ED9585C94F90CCB0434E960CF249E413D4E5D463C4603041D656F2364CF257CEC61E423E8CDED44645164616D0E0E739305E99FFE8C1D088D3BC88B90AE4A39CF0D2B2E415C4A3D425CCC1C426CA5654BEC29C2A7EE40DD8DA29B921802EB080855EB3B499DFF0F62B8BC81C396A2930000000049454E44AE426082, 'Mike.Hillyer@sakilastaff.com', '1', '1', 'Mike', '8cb2237d0679ca88db6464eac60da96345513964', '2006-02-15 03:57:16'),
  ('2', 'Jon', 'Stephens', '4', NULL, 'Jon.Stephens@sakilastaff.com', '2', '1', 'Jon', NULL, '2006-02-15 03:57:16');

INSERT INTO `store` (`store_id`, `manager_staff_id`, `address_id`, `last_update`) VALUES
  ('1', '1', '1', '2006-02-15 04:57:12'),
  ('2', '2', '2', '2006-02-15 04:57:12');

SET FOREIGN_KEY_CHECKS = 1;

/*M!999999\- enable the sandbox mode */ 

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
/*!40103 SET TIME_ZONE='+00:00' */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;
/*!50003 SET @saved_cs_client      = @@character_set_client */ ;
/*!50003 SET @saved_cs_results     = @@character_set_results */ ;
/*!50003 SET @saved_col_connection = @@collation_connection */ ;
/*!50003 SET character_set_client  = utf8mb3 */ ;
/*!50003 SET character_set_results = utf8mb3 */ ;
/*!50003 SET collation_connection  = utf8mb3_general_ci */ ;
/*!50003 SET @saved_sql_mode       = @@sql_mode */ ;
/*!50003 SET sql_mode              = 'STRICT_TRANS_TABLES,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,TRADITIONAL,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION' */ ;
/*!50003 CREATE*/ /*!50017*/ /*!50003 TRIGGER customer_create_date BEFORE INSERT ON customer
	FOR EACH ROW SET NEW.create_date = NOW() 
*/;
/*!50003 SET sql_mode              = @saved_sql_mode */ ;
/*!50003 SET character_set_client  = @saved_cs_client */ ;
/*!50003 SET character_set_results = @saved_cs_results */ ;
/*!50003 SET collation_connection  = @saved_col_connection */ ;
/*!50003 SET @saved_cs_client      = @@character_set_client */ ;
/*!50003 SET @saved_cs_results     = @@character_set_results */ ;
/*!50003 SET @saved_col_connection = @@collation_connection */ ;
/*!50003 SET character_set_client  = utf8mb3 */ ;
/*!50003 SET character_set_results = utf8mb3 */ ;
/*!50003 SET collation_connection  = utf8mb3_general_ci */ ;
/*!50003 SET @saved_sql_mode       = @@sql_mode */ ;
/*!50003 SET sql_mode              = 'STRICT_TRANS_TABLES,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,TRADITIONAL,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION' */ ;
/*!50003 CREATE*/ /*!50017*/ /*!50003 TRIGGER `ins_film` AFTER INSERT ON `film` FOR EACH ROW BEGIN
    INSERT INTO film_text (film_id, title, description)
        VALUES (new.film_id, new.title, new.description);
  END 
*/;
/*!50003 SET sql_mode              = @saved_sql_mode */ ;
/*!50003 SET character_set_client  = @saved_cs_client */ ;
/*!50003 SET character_set_results = @saved_cs_results */ ;
/*!50003 SET collation_connection  = @saved_col_connection */ ;
/*!50003 SET @saved_cs_client      = @@character_set_client */ ;
/*!50003 SET @saved_cs_results     = @@character_set_results */ ;
/*!50003 SET @saved_col_connection = @@collation_connection */ ;
/*!50003 SET character_set_client  = utf8mb3 */ ;
/*!50003 SET character_set_results = utf8mb3 */ ;
/*!50003 SET collation_connection  = utf8mb3_general_ci */ ;
/*!50003 SET @saved_sql_mode       = @@sql_mode */ ;
/*!50003 SET sql_mode              = 'STRICT_TRANS_TABLES,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,TRADITIONAL,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION' */ ;
/*!50003 CREATE*/ /*!50017*/ /*!50003 TRIGGER `upd_film` AFTER UPDATE ON `film` FOR EACH ROW BEGIN
    IF (old.title != new.title) OR (old.description != new.description) OR (old.film_id != new.film_id)
    THEN
        UPDATE film_text
            SET title=new.title,
                description=new.description,
                film_id=new.film_id
        WHERE film_id=old.film_id;
    END IF;
  END 
*/;
/*!50003 SET sql_mode              = @saved_sql_mode */ ;
/*!50003 SET character_set_client  = @saved_cs_client */ ;
/*!50003 SET character_set_results = @saved_cs_results */ ;
/*!50003 SET collation_connection  = @saved_col_connection */ ;
/*!50003 SET @saved_cs_client      = @@character_set_client */ ;
/*!50003 SET @saved_cs_results     = @@character_set_results */ ;
/*!50003 SET @saved_col_connection = @@collation_connection */ ;
/*!50003 SET character_set_client  = utf8mb3 */ ;
/*!50003 SET character_set_results = utf8mb3 */ ;
/*!50003 SET collation_connection  = utf8mb3_general_ci */ ;
/*!50003 SET @saved_sql_mode       = @@sql_mode */ ;
/*!50003 SET sql_mode              = 'STRICT_TRANS_TABLES,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,TRADITIONAL,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION' */ ;
/*!50003 CREATE*/ /*!50017*/ /*!50003 TRIGGER `del_film` AFTER DELETE ON `film` FOR EACH ROW BEGIN
    DELETE FROM film_text WHERE film_id = old.film_id;
  END 
*/;
/*!50003 SET sql_mode              = @saved_sql_mode */ ;
/*!50003 SET character_set_client  = @saved_cs_client */ ;
/*!50003 SET character_set_results = @saved_cs_results */ ;
/*!50003 SET collation_connection  = @saved_col_connection */ ;
/*!50003 SET @saved_cs_client      = @@character_set_client */ ;
/*!50003 SET @saved_cs_results     = @@character_set_results */ ;
/*!50003 SET @saved_col_connection = @@collation_connection */ ;
/*!50003 SET character_set_client  = utf8mb3 */ ;
/*!50003 SET character_set_results = utf8mb3 */ ;
/*!50003 SET collation_connection  = utf8mb3_general_ci */ ;
/*!50003 SET @saved_sql_mode       = @@sql_mode */ ;
/*!50003 SET sql_mode              = 'STRICT_TRANS_TABLES,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,TRADITIONAL,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION' */ ;
/*!50003 CREATE*/ /*!50017*/ /*!50003 TRIGGER payment_date BEFORE INSERT ON payment
	FOR EACH ROW SET NEW.payment_date = NOW() 
*/;
/*!50003 SET sql_mode              = @saved_sql_mode */ ;
/*!50003 SET character_set_client  = @saved_cs_client */ ;
/*!50003 SET character_set_results = @saved_cs_results */ ;
/*!50003 SET collation_connection  = @saved_col_connection */ ;
/*!50003 SET @saved_cs_client      = @@character_set_client */ ;
/*!50003 SET @saved_cs_results     = @@character_set_results */ ;
/*!50003 SET @saved_col_connection = @@collation_connection */ ;
/*!50003 SET character_set_client  = utf8mb3 */ ;
/*!50003 SET character_set_results = utf8mb3 */ ;
/*!50003 SET collation_connection  = utf8mb3_general_ci */ ;
/*!50003 SET @saved_sql_mode       = @@sql_mode */ ;
/*!50003 SET sql_mode              = 'STRICT_TRANS_TABLES,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,TRADITIONAL,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION' */ ;
/*!50003 CREATE*/ /*!50017*/ /*!50003 TRIGGER rental_date BEFORE INSERT ON rental
	FOR EACH ROW SET NEW.rental_date = NOW() 
*/;
/*!50003 SET sql_mode              = @saved_sql_mode */ ;
/*!50003 SET character_set_client  = @saved_cs_client */ ;
/*!50003 SET character_set_results = @saved_cs_results */ ;
/*!50003 SET collation_connection  = @saved_col_connection */ ;
/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;

